// Wallet use cases: view, sell, convert, convert back (pool events through the applier),
// withdrawal requests and staff decisions (wallet-only, one transaction each), the ledger.
import {
  dec,
  levelFor,
  weightOf,
  parsePositiveMoney,
  parsePositivePoints,
  price,
  priceDisplay,
  valueOf,
  type LedgerEvent,
  type Outcome,
  type WalletView,
} from '@greenpoints/shared';
import type { Call, Reply } from '../reply';
import type { Withdrawal } from './ports';
import type { TransferResult } from '../../adapters/wechat/types';
import { confirmByFrom, recordStep, stepOfResult, withdrawalView, type StepDeps } from './transfers';
import { submitAndWait, type SubmitDeps } from './submit';
import { Tx, StaleRead, retryStale } from '../tx';
import { addWalletEvent } from './ledger';
import { applyNotedEvent, type NotedDeps } from './noted';
import { drainSoon } from './applier';
import { claimOp, type Idem } from '../idempotency';
import { businessDate } from '../calendar';
import { DomainError, IdempotencyRace, conflict, notFound } from '../errors';
import { newId } from '../ids';
import type { Deps } from '../deps';

export async function walletView(
  d: Pick<Deps, 'config' | 'poolState' | 'wallets'>,
  userId: string,
): Promise<WalletView> {
  const { params } = await d.config.params();
  const [pool, { wallet: w }] = await Promise.all([d.poolState.state(params), d.wallets.get(userId)]);
  return {
    equity: w.equity,
    equityLocked: w.equityLocked,
    equityHeld: w.equityHeld,
    // set aside by a sell, convert or convert back the pool has not applied yet
    equityReserved: w.equityReserved,
    constantReserved: w.constantReserved,
    equityValue: valueOf(pool, w.equity),
    constant: w.constant,
    storeCredit: w.storeCredit,
    cash: w.cash,
    cashPending: w.cashPending,
    withdrawn: w.withdrawn,
    quota: w.quota,
    dividendsPaid: w.dividendsPaid,
    level: levelFor(params, weightOf(w)),
    price: price(pool),
    priceDisplay: priceDisplay(pool),
  };
}

/** The answer fields of a pool event's outcome, each named as the route answers it. */
const view = (fields: Record<string, keyof Outcome>) => (o: Outcome) =>
  Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, o[f]]));

export const sell = (d: SubmitDeps, ctx: Call<{ points: string }>): Promise<Reply> =>
  submitAndWait(
    d,
    ctx,
    {
      event: { kind: 'sell', user: ctx.userId, points: parsePositivePoints(ctx.body.points, 'points'), reason: 'sell' },
    },
    view({
      points: 'points',
      gross: 'gross',
      fee: 'fee',
      payout: 'payout',
      priceBefore: 'priceBefore',
      priceAfter: 'priceAfter',
    }),
  );

export const convert = (d: SubmitDeps, ctx: Call<{ points: string }>): Promise<Reply> =>
  submitAndWait(
    d,
    ctx,
    { event: { kind: 'convert', user: ctx.userId, points: parsePositivePoints(ctx.body.points, 'points') } },
    view({ points: 'points', constant: 'constant', price: 'priceBefore' }),
  );

export const convertBack = (d: SubmitDeps, ctx: Call<{ amount: string }>): Promise<Reply> =>
  submitAndWait(
    d,
    ctx,
    { event: { kind: 'convert_back', user: ctx.userId, amount: parsePositiveMoney(ctx.body.amount, 'amount') } },
    view({ amount: 'constant', points: 'points', price: 'priceBefore' }),
  );

/**
 * A withdrawal request: at least `withdrawMin`, at most `withdrawDailyLimit` a day in total (China
 * business day; a rejected request still counts that day), never more than the cash (the engine
 * refuses). The day's total is a version-guarded item in the request's transaction, beside the
 * version-guarded wallet, so concurrent requests cannot pass the limit together.
 */
export async function requestWithdrawal(
  d: Pick<Deps, 'config' | 'idempotency' | 'ledger' | 'tx' | 'wallets' | 'withdrawals' | 'pool' | 'projection'>,
  userId: string,
  idem: Idem,
  amountIn: string,
): Promise<Reply> {
  const amount = parsePositiveMoney(amountIn, 'amount');
  const withdrawalId = newId('w');
  const body = { withdrawalId, status: 'requested', amount };
  await retryStale(async () => {
    const { params } = await d.config.params();
    if (dec(amount).lt(params.withdrawMin))
      throw new DomainError('refused', 'withdrawal_below_minimum', `the smallest withdrawal is ¥${params.withdrawMin}`);
    const at = new Date().toISOString();
    const day = businessDate(at);
    const daySum = await d.withdrawals.daySum(userId, day);
    const used = dec(daySum.amount);
    const total = used.plus(amount);
    if (total.gt(params.withdrawDailyLimit))
      throw new DomainError(
        'refused',
        'withdrawal_daily_limit',
        `at most ¥${params.withdrawDailyLimit} a day; ¥${used.toFixed(2)} requested today, ¥${dec(params.withdrawDailyLimit).minus(used).toFixed(2)} left`,
      );
    const tx = new Tx(d.tx);
    tx.add(claimOp(d, idem, { status: 201, body }), new IdempotencyRace());
    tx.add(
      d.withdrawals.putDaySum(userId, day, total.toFixed(2), daySum.version),
      new StaleRead(`withdrawals of ${userId} on ${day}`),
    );
    tx.add(d.withdrawals.create({ withdrawalId, userId, amount, at }));
    await addWalletEvent(
      d,
      tx,
      userId,
      withdrawalId,
      { kind: 'withdraw_request', user: userId, amount, withdrawalId },
      at,
    );
    await tx.commit();
  });
  await drainSoon(d); // its note (domain/wallet/notes.ts) into the pool log
  return { status: 201, body };
}

/** How long an approval that is paying out holds the withdrawal before another may resume it (tests shorten it). */
export const withdrawalTuning = { leaseMs: 60_000 };

export type Pay = (o: { withdrawalId: string; userId: string; amount: string }) => Promise<TransferResult>;

/**
 * Staff decision on a requested withdrawal; the payout goes through `pay` (the transfer adapter).
 * Exactly once, however many approvals run at once: an approval first claims the withdrawal
 * (requested -> paying, one conditional write), only the claimant asks WeChat for the bill, and
 * the bill's state moves it on (domain/wallet/transfers.ts: awaiting_confirmation until the shopper
 * confirms; approved only on SUCCESS). A claimant that died (a crash, a timeout) is resumed after
 * the lease (60 s) by the next approval or by sync-transfers, under the same out_bill_no (the
 * withdrawal id), so WeChat still makes one bill.
 */
export async function decideWithdrawal(d: StepDeps, withdrawalId: string, approve: boolean, pay: Pay) {
  const w = await d.withdrawals.get(withdrawalId);
  if (!w) throw notFound('withdrawal');
  if (w.status === 'paying' && Date.now() - (w.claimedAt ?? 0) < withdrawalTuning.leaseMs)
    throw conflict('approval_in_progress', 'another approval is paying this withdrawal out; its answer decides');
  if (w.status !== 'requested' && !(approve && w.status === 'paying'))
    throw conflict('invalid_status', `the withdrawal is ${w.status}`);
  if (!approve) return rejectWithdrawal(d, w);
  const claim = newId('c');
  await new Tx(d.tx)
    .add(
      d.withdrawals.claim(
        withdrawalId,
        claim,
        Date.now(),
        w.status === 'paying' ? { status: 'paying', claim: w.claim ?? '' } : { status: 'requested' },
      ),
      conflict('approval_in_progress', 'another approval claimed this withdrawal first'),
    )
    .commit();
  const r = await pay({ withdrawalId, userId: w.userId, amount: w.amount });
  const step = stepOfResult(r, confirmByFrom(new Date()));
  const now = await recordStep(d, { ...w, status: 'paying', claim }, step, r.detail);
  return { ...withdrawalView(now), ...(r.detail ? { detail: r.detail } : {}) };
}

/** Staff refused a requested withdrawal: its cash back, in one transaction with the status. */
async function rejectWithdrawal(d: NotedDeps & Pick<Deps, 'withdrawals'>, w: Withdrawal) {
  const { withdrawalId, userId, amount } = w;
  const event: LedgerEvent = { kind: 'withdraw_reject', user: userId, amount, withdrawalId };
  await applyNotedEvent(d, userId, `${withdrawalId}:rejected`, event, (tx) => {
    tx.add(
      d.withdrawals.decide(withdrawalId, 'rejected', new Date().toISOString(), undefined, {
        status: 'requested',
      }),
      conflict('invalid_status', 'the withdrawal was decided meanwhile'),
    );
  });
  return { withdrawalId, status: 'rejected' as const };
}

// ---------- the ledger, paged ----------

/** The caller's ledger, newest first; `cursor` comes from the previous page's answer. */
export async function ledgerPage(d: Pick<Deps, 'ledger'>, userId: string, limit: number, cursor?: string) {
  const r = await d.ledger.page(userId, limit, cursor);
  return { entries: r.items, cursor: r.cursor };
}
