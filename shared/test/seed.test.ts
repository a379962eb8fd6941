// The seed table of docs/rules.md, from the engine and from the simulator CLI.
import { execFileSync } from 'child_process';
import path from 'path';
import { apply, defaultParams, displayPrice, emptyState, priceDisplay, simulate, type EngineState } from '../src';

describe('the seed table: 100 orders of 100 yuan, contribution 30, rewardRatio 0.7', () => {
  const rows = simulate(100, '100', '30');

  it('grants 21, 14.7, 12.495, 11.2455 points to the first four buyers', () => {
    expect(rows.slice(0, 4).map((r) => r.points)).toEqual(['21', '14.7', '12.495', '11.2455']);
  });

  it('prices 1.4286, 1.6807, 1.8674, 2.0188 after them and 5.1731 after the 100th', () => {
    expect(rows.slice(0, 4).map((r) => displayPrice(r.price))).toEqual(['1.4286', '1.6807', '1.8674', '2.0188']);
    expect(displayPrice(rows[99]!.price)).toBe('5.1731');
    expect(rows[99]!.fund).toBe('3000.00');
  });

  it('lets buyer A sell 21 points after the 100th order: gross 108.6346, payout 97.77, price 5.1925', () => {
    let s: EngineState = emptyState();
    for (let n = 1; n <= 100; n++) {
      s = apply(
        s,
        {
          kind: 'order_completed',
          orderId: `o${n}`,
          buyer: n === 1 ? 'A' : `b${n}`,
          amount: '100.00',
          contribution: '30.00',
          dividendContribution: '0',
        },
        defaultParams,
      ).state;
    }
    expect(s.wallets.A!.equity).toBe('21');
    const { state, outcome } = apply(s, { kind: 'sell', user: 'A', points: '21' }, defaultParams);
    expect(displayPrice(outcome.gross!)).toBe('108.6346');
    expect(outcome.payout).toBe('97.77');
    expect(outcome.fee).toBe('10.86');
    expect(priceDisplay(state.pool)).toBe('5.1925');
    expect(state.wallets.A!.cash).toBe('97.77');
    expect(state.wallets.A!.equity).toBe('0');
    expect(state.pool.burned).toBe('21');
  });
});

describe('npm run simulate', () => {
  const cli = path.join(__dirname, '../src/cli/simulate.ts');
  const tsx = path.join(__dirname, '../../node_modules/.bin/tsx');

  it('prints one JSON row per order with the seed numbers', () => {
    const out = execFileSync(tsx, [cli, '--orders', '100', '--amount', '100', '--contribution', '30', '--json'], {
      encoding: 'utf8',
    });
    const rows = JSON.parse(`[${out.trim().replace(/^\[|\]$/g, '')}]`) as Array<{
      n: number;
      points: string;
      fund: string;
      circulating: string;
      price: string;
    }>;
    expect(rows).toHaveLength(100);
    expect(rows[1]).toMatchObject({ n: 2, points: '14.7', fund: '60.00', circulating: '35.7' });
    expect(displayPrice(rows[99]!.price)).toBe('5.1731');
  });

  it('refuses a bad order count with a named error and exit code 2', () => {
    let code = 0;
    let err = '';
    try {
      execFileSync(tsx, [cli, '--orders', '-5'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      code = (e as { status: number }).status;
      err = String((e as { stderr: string }).stderr);
    }
    expect(code).toBe(2);
    expect(err).toContain('invalid_amount');
  });
});
