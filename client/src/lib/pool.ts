import {
  apply,
  defaultParams,
  emptyWallet,
  orderPoints,
  valueOf,
  type EngineState,
  type Outcome,
  type Params,
  type PoolState,
  type Wallet,
} from '@greenpoints/shared';
import type { Pool } from '../api/types';

// The engine's previews need its PoolState; the API sends the public part of it.
export function toPoolState(p: Pool): PoolState {
  return {
    fund: p.fund,
    circulating: p.circulating,
    treasury: p.treasury,
    issued: p.issued,
    burned: p.burned,
    seq: Number(p.seq) || 0,
    lastPrice: p.price,
    // The API does not split the fund by source; the engine checks fund = contributions +
    // grants − payouts, so previews book all of it as contributions.
    contributions: p.fund,
    grantFunding: '0',
    payouts: '0',
  };
}

/** The live rules GET /pool carries; each one replaces the engine's default when present. */
const LIVE_PARAMS = ['sellFeeRate', 'rewardRatio', 'issuePrice', 'supplyCap'] as const;

/** Rules parameters for previews: the live values the server sends, the defaults otherwise. */
export function previewParams(p?: Pool): Params {
  if (!p) return defaultParams;
  const live: Partial<Params> = {};
  for (const k of LIVE_PARAMS) if (typeof p[k] === 'string' && p[k] !== '') live[k] = p[k];
  return Object.keys(live).length ? { ...defaultParams, ...live } : defaultParams;
}

/**
 * Points an order of this product would grant at today's pool (the engine's event 1, with its
 * rounding and supply cap). An estimate: the price at completion decides.
 */
export function estimatePoints(poolContribution: string, pool: PoolState, params: Params = defaultParams): string {
  return orderPoints(pool, params, poolContribution);
}

/**
 * What the engine would do with this wallet event at the live pool: the same rules, rounding
 * and refusals (RuleError) as the server, applied to a stand-in wallet holding `balances`.
 * A preview only; the server applies the event at the price of that moment.
 */
export function previewOutcome(
  pool: PoolState,
  params: Params,
  balances: Partial<Pick<Wallet, 'equity' | 'constant'>>,
  event: { kind: 'convert'; points: string } | { kind: 'convert_back'; amount: string },
): Outcome {
  const me = 'preview';
  const state: EngineState = { pool, wallets: { [me]: { ...emptyWallet(), ...balances } } };
  return apply(state, { ...event, user: me }, params).outcome;
}

/** The most constant points the treasury can take back now: the treasury's value, rounded down. */
export function convertBackRoom(pool: PoolState): string {
  return valueOf(pool, pool.treasury);
}
