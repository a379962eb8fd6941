import { route } from '../http/wrapper';
import { pointsBody, amountBody, pageQuery } from '../http/schemas';
import {
  walletView,
  sell as doSell,
  convert as doConvert,
  convertBack as doConvertBack,
  requestWithdrawal,
  ledgerPage,
} from '../domain/wallet';
import { listOwnWithdrawals } from '../domain/transfers';
import { transferDeps } from '../compose/transfers';
import { pendingPoints } from '../domain/pending-points';
import { stores } from '../domain/stores';

export const get = route({}, async (c) => {
  const [view, pending] = await Promise.all([walletView(c.userId), pendingPoints(stores(), c.userId)]);
  return { body: { ...view, pendingPoints: pending } };
});
export const sell = route({ idempotent: true, reentrant: true, body: pointsBody }, doSell);
export const convert = route({ idempotent: true, reentrant: true, body: pointsBody }, doConvert);
export const convertBack = route({ idempotent: true, reentrant: true, body: amountBody }, doConvertBack);
export const withdraw = route({ idempotent: true, body: amountBody }, async (c) =>
  requestWithdrawal(c.userId, c.idem!, c.body.amount),
);
export const withdrawals = route({}, async (c) => {
  const q = pageQuery.parse(c.query);
  return { body: await listOwnWithdrawals(transferDeps(), c.userId, q.limit, q.cursor) };
});
export const ledger = route({}, async (c) => {
  const q = pageQuery.parse(c.query);
  return { body: await ledgerPage(c.userId, q.limit, q.cursor) };
});
