// The seed table (docs/rules.md "Rounding"): N orders of one item, from the same engine.
import { apply } from './engine';
import { defaultParams } from './params';
import { displayPrice, emptyState, price } from './state';
import { parsePositiveMoney } from './amounts';
import { dec } from './decimal';
import { RuleError } from './errors';
import type { EngineState, Params } from './types';

export interface SimRow {
  n: number;
  points: string;
  fund: string;
  circulating: string;
  price: string;
}

export const MAX_SIM_ORDERS = 1_000_000;

export function simulate(
  orders: number,
  amount: string,
  contribution: string,
  params: Params = defaultParams,
  /** Where to start: an empty pool (the seed table), or e.g. the live pool for a preview. */
  initial: EngineState = emptyState(params),
): SimRow[] {
  if (!Number.isInteger(orders) || orders < 1 || orders > MAX_SIM_ORDERS) {
    throw new RuleError('invalid_amount', `orders must be a whole number from 1 to ${MAX_SIM_ORDERS}`);
  }
  const amt = parsePositiveMoney(amount, 'amount');
  const c = parsePositiveMoney(contribution, 'contribution');
  if (dec(c).gt(amt)) throw new RuleError('invalid_amount', 'contribution cannot exceed the amount');
  let state: EngineState = initial;
  const rows: SimRow[] = [];
  for (let n = 1; n <= orders; n++) {
    const { state: next, outcome } = apply(
      state,
      {
        kind: 'order_completed',
        orderId: `sim-${n}`,
        buyer: `buyer-${n}`,
        amount: amt,
        contribution: c,
        dividendContribution: '0',
      },
      params,
    );
    state = next;
    rows.push({
      n,
      points: outcome.pointsGranted ?? '0',
      fund: state.pool.fund,
      circulating: state.pool.circulating,
      price: price(state.pool),
    });
  }
  return rows;
}

export function formatTable(rows: SimRow[]): string {
  const head = ['第n单', '获得积分', '分红池(元)', '流通积分', '价格(元/个)'];
  const body = rows.map((r) => [String(r.n), r.points, r.fund, r.circulating, displayPrice(r.price)]);
  const widths = head.map((h, i) => Math.max(h.length * 2, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  return [line(head), ...body.map(line)].join('\n');
}
