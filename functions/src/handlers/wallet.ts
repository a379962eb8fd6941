import { routes } from '../http/wrapper';
import { http } from '../wiring/http';
import { core } from '../wiring/core';
import { pool } from '../wiring/pool';
import { wallet } from '../wiring/wallet';
import { pointsBody, amountBody, pageQuery } from '../http/schemas';
import {
  walletView,
  sell as doSell,
  convert as doConvert,
  convertBack as doConvertBack,
  requestWithdrawal,
  ledgerPage,
} from '../domain/wallet/wallet';
import { listOwnWithdrawals } from '../domain/wallet/transfers';
import { transferDeps } from '../wiring/transfers';
import { pendingPoints } from '../domain/orders/pending-points';
import { orders } from '../wiring/orders';

const route = routes(http);
const deps = { ...core, ...pool, ...wallet, ...orders };

export const get = route({}, async (c) => {
  const [view, pending] = await Promise.all([walletView(deps, c.userId), pendingPoints(deps, c.userId)]);
  return { body: { ...view, pendingPoints: pending } };
});
export const sell = route({ idempotent: true, reentrant: true, body: pointsBody }, (c) => doSell(deps, c));
export const convert = route({ idempotent: true, reentrant: true, body: pointsBody }, (c) => doConvert(deps, c));
export const convertBack = route({ idempotent: true, reentrant: true, body: amountBody }, (c) =>
  doConvertBack(deps, c),
);
export const withdraw = route({ idempotent: true, body: amountBody }, async (c) =>
  requestWithdrawal(deps, c.userId, c.idem!, c.body.amount),
);
export const withdrawals = route({}, async (c) => {
  const q = pageQuery.parse(c.query);
  return { body: await listOwnWithdrawals(transferDeps(), c.userId, q.limit, q.cursor) };
});
export const ledger = route({}, async (c) => {
  const q = pageQuery.parse(c.query);
  return { body: await ledgerPage(deps, c.userId, q.limit, q.cursor) };
});
