// Pool states built with the engine from the rulebook's seed scenario (docs/rules.md): 100-yuan
// orders with a 30-yuan pool contribution. The expected figures in the tests come from the
// rulebook's own table, not from running the code under test.
import { apply, defaultParams, emptyState, price, priceDisplay, type EngineState } from '@greenpoints/shared';
import type { Pool, Product } from '../src/api/types';

export function seedState(orders: number): EngineState {
  let s = emptyState();
  for (let n = 1; n <= orders; n++) {
    s = apply(
      s,
      {
        kind: 'order_completed',
        orderId: `o${n}`,
        buyer: `u${n}`,
        amount: '100.00',
        contribution: '30.00',
        dividendContribution: '0.00',
      },
      defaultParams,
    ).state;
  }
  return s;
}

/** GET /pool as the server answers it for an engine state (the live rules: the defaults). */
export function poolOf(s: EngineState, rules: Partial<Pool> = {}): Pool {
  const { fund, circulating, treasury, issued, burned, seq } = s.pool;
  const { sellFeeRate, rewardRatio, issuePrice, supplyCap } = defaultParams;
  return {
    price: price(s.pool),
    priceDisplay: priceDisplay(s.pool),
    fund,
    circulating,
    treasury,
    issued,
    burned,
    seq,
    supplyCap,
    sellFeeRate,
    rewardRatio,
    issuePrice,
    ...rules,
  };
}

export const poolAnswer = (orders: number, rules: Partial<Pool> = {}): Pool => poolOf(seedState(orders), rules);

/**
 * After the first seed order (fund 30.00, 21 points, price 30/21) its buyer converts 7 points:
 * constant floor2(7 × 30/21) = 10.00, and the treasury holds 7 points (docs/rules.md event 4).
 */
export function poolWithTreasury(): Pool {
  const s = apply(seedState(1), { kind: 'convert', user: 'u1', points: '7' }, defaultParams).state;
  return poolOf(s);
}

export const products: Product[] = [
  {
    productId: 'p100',
    name: '有机大米 5kg',
    price: '100.00',
    poolContribution: '30.00',
    dividendContribution: '0.00',
    stock: 50,
    image: '',
  },
  {
    productId: 'p20',
    name: '环保购物袋',
    price: '20.00',
    poolContribution: '5.00',
    dividendContribution: '0.00',
    stock: 10,
    image: '',
  },
];

export function wallet(over: Partial<Record<string, string>> = {}) {
  return {
    equity: '21',
    equityLocked: '0',
    equityHeld: '0',
    equityValue: '108.63',
    constant: '0.00',
    storeCredit: '0.00',
    cash: '0.00',
    cashPending: '0.00',
    withdrawn: '0.00',
    quota: '200.00',
    dividendsPaid: '0.00',
    level: '普通会员',
    ...over,
  };
}
