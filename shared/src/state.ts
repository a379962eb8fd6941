// The pool and wallet states, empty, and the price read from them.
import { dec, exact, type Dec } from './decimal';
import type { EngineState, Exact, Params, PoolState, Wallet } from './types';
import { defaultParams } from './params';

export function emptyPool(params: Pick<Params, 'issuePrice'> = defaultParams): PoolState {
  return {
    fund: '0.00',
    circulating: '0',
    treasury: '0',
    issued: '0',
    burned: '0',
    seq: 0,
    lastPrice: dec(params.issuePrice).toFixed(),
    contributions: '0.00',
    grantFunding: '0.00',
    payouts: '0.00',
  };
}

export function emptyWallet(): Wallet {
  return {
    equity: '0',
    equityLocked: '0',
    equityHeld: '0',
    lockedGranted: '0',
    equityReserved: '0',
    constant: '0.00',
    storeCredit: '0.00',
    cash: '0.00',
    cashPending: '0.00',
    withdrawn: '0.00',
    constantReserved: '0.00',
    quota: '0.00',
    dividendsPaid: '0.00',
  };
}

export function emptyState(params: Pick<Params, 'issuePrice'> = defaultParams): EngineState {
  return { pool: emptyPool(params), wallets: {} };
}

/** fund ÷ circulating with all 34 digits; the last price while nothing circulates. */
export function priceDec(pool: PoolState): Dec {
  const circ = dec(pool.circulating);
  return circ.isZero() ? dec(pool.lastPrice) : dec(pool.fund).div(circ);
}

export const price = (pool: PoolState): Exact => exact(priceDec(pool));

/** The price as people read it: 4 decimals, half up ("5.1731"). */
export const priceDisplay = (pool: PoolState): string => priceDec(pool).toFixed(4, 4 /* ROUND_HALF_UP */);

/** Any exact price string to 4 dp. */
export const displayPrice = (p: Exact): string => dec(p).toFixed(4, 4);
