// The effect of a parameter change before it is requested: the engine's simulator run from the
// live pool under the current and the proposed parameters, side by side, and a sell quoted
// under each. Pure (no network): the screen passes the pool it read.
import {
  dec,
  defaultParams,
  displayPrice,
  mergeParams,
  quoteSell,
  simulate,
  type Params,
  type PoolState,
} from '@greenpoints/shared';
import type { Pool } from '../api';

export interface PreviewInput {
  orders: number;
  amount: string;
  contribution: string;
  sellPoints: string;
}

export interface PreviewSide {
  firstPoints: string;
  lastPoints: string;
  fund: string;
  circulating: string;
  price: string;
  sellPayout?: string;
  sellPriceAfter?: string;
}

/**
 * The engine's pool from GET /pool. Its running totals are not public; the fund is counted as
 * contributions so that the engine's I2 check (fund = contributions + grants − payouts) holds.
 */
export function poolState(p: Pool): PoolState {
  return {
    fund: p.fund,
    circulating: p.circulating,
    treasury: p.treasury,
    issued: p.issued,
    burned: p.burned,
    seq: p.seq,
    lastPrice: p.price,
    contributions: p.fund,
    grantFunding: '0.00',
    payouts: '0.00',
  };
}

/** What the console knows of the current parameters: the pool's three, the rest the defaults. */
export function knownParams(p: Pool): Params {
  return { ...defaultParams, rewardRatio: p.rewardRatio, sellFeeRate: p.sellFeeRate, issuePrice: p.issuePrice };
}

function side(pool: PoolState, params: Params, input: PreviewInput): PreviewSide {
  const rows = simulate(input.orders, input.amount, input.contribution, params, { pool, wallets: {} });
  const last = rows[rows.length - 1]!;
  const q = input.sellPoints.trim();
  const sellable = /^\d+(\.\d{1,6})?$/.test(q) && dec(q).gt(0) && dec(q).lt(pool.circulating);
  const sell = sellable ? quoteSell(pool, params, q) : undefined;
  return {
    firstPoints: rows[0]!.points,
    lastPoints: last.points,
    fund: last.fund,
    circulating: last.circulating,
    price: displayPrice(last.price),
    sellPayout: sell?.payout,
    sellPriceAfter: sell ? displayPrice(sell.priceAfter) : undefined,
  };
}

/** Validates the change on the current set (engine rules) and runs both sides. Throws RuleError. */
export function preview(pool: PoolState, current: Params, change: Record<string, unknown>, input: PreviewInput) {
  const next = mergeParams(current, change);
  return { next, before: side(pool, current, input), after: side(pool, next, input) };
}
