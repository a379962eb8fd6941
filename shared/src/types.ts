// The vocabulary of docs/rules.md as types. Every amount is a decimal string at this boundary:
// money (yuan) has at most 2 decimals, points at most 6. Never a JS number.

export type Money = string;
export type Points = string;
/** A decimal string with all its digits (34 significant), e.g. a price. */
export type Exact = string;
export type UserId = string;

/** Staff-editable parameters (docs/rules.md "Parameters"). Rates are decimal strings in [0, 1). */
export interface Params {
  issuePrice: Money; // price of the first points, "1"
  rewardRatio: Exact; // share of an order's pool contribution granted back as points, "0.7"
  sellFeeRate: Exact; // fee kept in the pool on a sell, "0.1"
  supplyCap: Points; // most points that may ever be issued, "100000000"
  referralLevels: 0 | 1 | 2; // how many referrer levels get point rewards
  referralL1Rate: Exact; // of C, as points, to the direct referrer
  referralL2Rate: Exact; // of C, as points, to the referrer's referrer
  commissionL1Rate: Exact; // of the order amount, as cash, to the direct referrer
  commissionL2Rate: Exact; // of the order amount, as cash, to the second level
  agentRate: Exact; // of the order amount, as cash, to the region's agent
  quotaMultiplier: Exact; // quota earned per yuan spent, "2"
  exitEnabled: boolean; // forced sell when equity value reaches the quota left
  lockedReleaseRate: Exact; // share of a locked grant released per day, "0.01"
  afterSaleDays: number; // the after-sale window from receipt (docs/rules.md "After-sale"), at least 7
  autoConfirmDays: number; // days after shipping that receipt is confirmed by itself
  levels: Array<{ name: string; minEquity: Points }>; // member levels by equity held, ascending
  withdrawMin: Money; // smallest withdrawal request, "1.00"
  withdrawDailyLimit: Money; // most a user may request for withdrawal per China business day, "2000.00"
  withdrawSecondSignAbove: Money; // a staff approval of a withdrawal above this needs a second signature, "500.00"
  payTimeoutMinutes: number; // a WeChat order not paid within this is cancelled (cancel-unpaid), 30
}

/** The pool (分红池). `price = fund / circulating`, never stored rounded. */
export interface PoolState {
  fund: Money;
  circulating: Points; // held by anyone, treasury included
  treasury: Points; // points backing constant points
  issued: Points; // ever minted
  burned: Points;
  seq: number; // count of applied pool events
  lastPrice: Exact; // price after the last event (the price while circulating is 0)
  // Running totals for I2: fund = contributions + grantFunding − payouts.
  contributions: Money;
  grantFunding: Money;
  payouts: Money;
}

/** One user's balances (docs/rules.md "Instruments"). */
export interface Wallet {
  equity: Points;
  equityLocked: Points; // granted, released in batches
  equityHeld: Points; // equity reserved for an open redemption order (still circulating)
  lockedGranted: Points; // total ever granted locked: the base of the daily release
  equityReserved: Points; // equity set aside by a sell or convert waiting for the pool (still circulating)
  constant: Money;
  storeCredit: Money;
  cash: Money;
  cashPending: Money; // withdrawals requested, not yet approved
  withdrawn: Money;
  constantReserved: Money; // constant set aside by a convert back waiting for the pool
  quota: Money;
  dividendsPaid: Money;
}

export interface EngineState {
  pool: PoolState;
  wallets: Record<UserId, Wallet>;
}

/**
 * Every change of points or cash is one of these. Pool events (they move the pool) are
 * applied in one sequence by the pool applier; wallet-only events are applied directly.
 */
export type LedgerEvent =
  // Pool events
  | {
      kind: 'order_completed';
      orderId: string;
      buyer: UserId;
      amount: Money; // what the buyer paid (all tenders)
      contribution: Money; // C = Σ poolContribution × qty
      dividendContribution: Money; // Σ dividendContribution × qty, to the day's dividend fund
      referrers?: { l1?: UserId; l2?: UserId };
      agent?: UserId;
    }
  // held: the amount was reserved at the edge (reserve); the event then takes it from the reserve.
  | { kind: 'sell'; user: UserId; points: Points; reason?: 'sell' | 'buyback' | 'exit'; held?: boolean }
  | { kind: 'redeem'; user: UserId; points: Points; orderId: string } // burns held points
  | { kind: 'convert'; user: UserId; points: Points; held?: boolean }
  | { kind: 'convert_back'; user: UserId; amount: Money; held?: boolean }
  | { kind: 'grant'; user: UserId; points: Points; locked: boolean; reason: string }
  | { kind: 'release_locked'; user: UserId; points?: Points } // default: lockedGranted × rate
  // Wallet-only events
  | { kind: 'hold'; user: UserId; points: Points; orderId: string } // equity -> held
  | { kind: 'unhold'; user: UserId; points: Points; orderId: string } // held -> equity (refund)
  // A pool event's amount set aside in the user's own wallet before it is queued (equity ->
  // equityReserved, constant -> constantReserved); release gives it back when the pool refuses.
  | { kind: 'reserve'; user: UserId; tender: 'equity' | 'constant'; amount: string; eventId: string }
  | { kind: 'release'; user: UserId; tender: 'equity' | 'constant'; amount: string; eventId: string }
  | { kind: 'spend'; user: UserId; tender: 'constant' | 'storeCredit'; amount: Money; orderId: string }
  | { kind: 'refund_spend'; user: UserId; tender: 'constant' | 'storeCredit'; amount: Money; orderId: string }
  | { kind: 'credit_store'; user: UserId; amount: Money; reason: string } // legacy balances
  | { kind: 'dividend'; user: UserId; amount: Money; date: string }
  // Removes the quota an exit was decided on (all of it when omitted), so quota earned by an
  // order completed between the exit's sell and this reset survives.
  | { kind: 'quota_reset'; user: UserId; quota?: Money; dividendsPaid?: Money }
  | { kind: 'withdraw_request'; user: UserId; amount: Money; withdrawalId: string }
  | { kind: 'withdraw_approve'; user: UserId; amount: Money; withdrawalId: string }
  | { kind: 'withdraw_reject'; user: UserId; amount: Money; withdrawalId: string };

export type LedgerEventKind = LedgerEvent['kind'];

/** A signed change of one wallet field, for the ledger ("+14.7", "-21"). */
export interface WalletChange {
  user: UserId;
  field: keyof Wallet;
  delta: string;
  why: string; // e.g. 'order_reward', 'referral_l1', 'commission_l1', 'agent', 'sell_payout'
}

export interface Outcome {
  kind: LedgerEventKind;
  priceBefore: Exact;
  priceAfter: Exact;
  changes: WalletChange[];
  // Filled where the event has them:
  pointsGranted?: Points; // buyer's points on order completion, points of a grant
  gross?: Exact; // sell: points × price, all digits
  fee?: Money; // sell: gross − payout, 2 dp for display
  payout?: Money; // sell
  constant?: Money; // convert: constant credited
  points?: Points; // convert_back: points received; redeem/sell/convert: points moved
  funding?: Money; // grant: paid into the fund
  dividendFund?: Money; // order_completed: to the day's dividend fund
  poolDelta?: { fund: Money; circulating: Points }; // signed, for the audit
}

export interface Applied {
  state: EngineState;
  outcome: Outcome;
}
