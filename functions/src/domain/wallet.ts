// Wallet use cases: view, sell, convert, convert back (pool events through the applier),
// withdrawal requests and staff decisions (wallet-only, one transaction each), the ledger.
import {
  levelFor,
  weightOf,
  parsePositiveMoney,
  parsePositivePoints,
  price,
  priceDisplay,
  valueOf,
  type LedgerEvent,
  type Outcome,
} from '@greenpoints/shared';
import { getParams, getPool, getWallet, listLedger } from '../repo/repository';
import { getItem } from '../repo/ddb';
import { keys, gsi } from '../repo/keys';
import type { Ctx, Reply } from '../http/wrapper';
import { submitAndWait } from './submit';
import { Tx, retryStale } from './tx';
import { addWalletEvent } from './ledger';
import { claimOp, type Idem } from './idempotency';
import { IdempotencyRace, conflict, notFound } from '../http/errors';
import { newId } from './ids';
import { decodeCursor, encodeCursor } from '../http/cursor';

export async function walletView(userId: string) {
  const { params } = await getParams();
  const [pool, { wallet: w }] = await Promise.all([getPool(params), getWallet(userId)]);
  return {
    equity: w.equity,
    equityLocked: w.equityLocked,
    equityHeld: w.equityHeld,
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

export const sell = (ctx: Ctx<{ points: string }>): Promise<Reply> =>
  submitAndWait(
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

export const convert = (ctx: Ctx<{ points: string }>): Promise<Reply> =>
  submitAndWait(
    ctx,
    { event: { kind: 'convert', user: ctx.userId, points: parsePositivePoints(ctx.body.points, 'points') } },
    view({ points: 'points', constant: 'constant', price: 'priceBefore' }),
  );

export const convertBack = (ctx: Ctx<{ amount: string }>): Promise<Reply> =>
  submitAndWait(
    ctx,
    { event: { kind: 'convert_back', user: ctx.userId, amount: parsePositiveMoney(ctx.body.amount, 'amount') } },
    view({ amount: 'constant', points: 'points', price: 'priceBefore' }),
  );

/** One wallet-only event as one transaction, retried when the wallet moved meanwhile. */
export async function applyWalletEvent(
  user: string,
  eventId: string,
  event: LedgerEvent,
  extra: (tx: Tx) => void,
): Promise<void> {
  await retryStale(async () => {
    const tx = new Tx();
    extra(tx);
    await addWalletEvent(tx, user, eventId, event, new Date().toISOString());
    await tx.commit();
  });
}

export async function requestWithdrawal(userId: string, idem: Idem, amountIn: string): Promise<Reply> {
  const amount = parsePositiveMoney(amountIn, 'amount');
  const withdrawalId = newId('w');
  const at = new Date().toISOString();
  const body = { withdrawalId, status: 'requested', amount };
  await applyWalletEvent(
    userId,
    withdrawalId,
    { kind: 'withdraw_request', user: userId, amount, withdrawalId },
    (tx) => {
      tx.add(claimOp(idem, { status: 201, body }), new IdempotencyRace());
      tx.add({
        op: 'create',
        item: {
          ...keys.withdrawal(withdrawalId),
          GSI1PK: gsi.withdrawals('requested'),
          GSI1SK: `${at}#${withdrawalId}`,
          type: 'withdrawal',
          withdrawalId,
          userId,
          amount,
          status: 'requested',
          createdAt: at,
        },
      });
    },
  );
  return { status: 201, body };
}

/**
 * Staff decision on a requested withdrawal; the payout itself goes through `pay` (the transfer
 * adapter). An approval claims the withdrawal first (requested -> approving), so a rejection
 * cannot give the cash back while WeChat is moving the money; an approval that died after its
 * claim is finished by approving again (WeChat transfers one out_bill_no once) and cannot be
 * rejected any more.
 */
export async function decideWithdrawal(
  withdrawalId: string,
  approve: boolean,
  pay: (o: {
    withdrawalId: string;
    userId: string;
    amount: string;
  }) => Promise<{ status: 'accepted' | 'rejected'; detail?: string }>,
) {
  const w = await getItem(keys.withdrawal(withdrawalId));
  if (!w) throw notFound('withdrawal');
  const resuming = approve && w.status === 'approving';
  if (w.status !== 'requested' && !resuming) throw conflict('invalid_status', `the withdrawal is ${String(w.status)}`);
  const userId = String(w.userId);
  const amount = String(w.amount);
  let approved = approve;
  let detail: string | undefined;
  if (approve) {
    if (!resuming) await claimApproval(withdrawalId);
    const r = await pay({ withdrawalId, userId, amount });
    approved = r.status === 'accepted';
    detail = r.detail;
  }
  const status = approved ? 'approved' : 'rejected';
  const event: LedgerEvent = approved
    ? { kind: 'withdraw_approve', user: userId, amount, withdrawalId }
    : { kind: 'withdraw_reject', user: userId, amount, withdrawalId };
  const guard = approve ? 'approving' : 'requested';
  await applyWalletEvent(userId, `${withdrawalId}:${status}`, event, (tx) => {
    tx.add(
      {
        op: 'set',
        key: keys.withdrawal(withdrawalId),
        values: {
          status,
          GSI1PK: gsi.withdrawals(status),
          decidedAt: new Date().toISOString(),
          ...(detail ? { detail } : {}),
        },
        ifEquals: { status: guard },
      },
      conflict('invalid_status', 'the withdrawal was decided meanwhile'),
    );
  }).catch(async (e: unknown) => {
    // The engine checks the wallet before the status guard: a decision that lost the race sees
    // cashPending already moved (insufficient_pending). Tell it what happened instead.
    const now = await getItem(keys.withdrawal(withdrawalId));
    if (now && now.status !== guard)
      throw conflict('invalid_status', `the withdrawal was decided meanwhile: ${String(now.status)}`);
    throw e;
  });
  return { withdrawalId, status, ...(detail ? { detail } : {}) };
}

/** requested -> approving, before any money moves; a second decision finds it taken. */
async function claimApproval(withdrawalId: string): Promise<void> {
  await new Tx()
    .add(
      {
        op: 'set',
        key: keys.withdrawal(withdrawalId),
        values: { status: 'approving', GSI1PK: gsi.withdrawals('approving'), approvingAt: new Date().toISOString() },
        ifEquals: { status: 'requested' },
      },
      conflict('invalid_status', 'the withdrawal was decided meanwhile'),
    )
    .commit();
}

// ---------- the ledger, paged ----------

export async function ledgerPage(userId: string, limit: number, cursor?: string) {
  const r = await listLedger(userId, limit, decodeCursor(cursor, `USER#${userId}`));
  return {
    entries: r.entries.map((e) => ({
      at: e.at,
      kind: e.kind,
      field: e.field,
      delta: e.delta,
      why: e.why,
      eventId: e.eventId,
      ...(e.orderId ? { orderId: e.orderId } : {}),
    })),
    cursor: encodeCursor(r.next),
  };
}
