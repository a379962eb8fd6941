// The end checks of the randomized test, faults off and everything drained:
// the staff reconcile (I1–I6 and the replay of the pool events), then the test's own model:
// each user's balances from the answers they were given, every accepted request's effect once,
// every refused one none, no order completed twice, no points without an order or a grant,
// no stock lost or oversold.
import { dec, type Dec } from '@greenpoints/shared';
import type { StaffAnswer } from './client';
import type { HttpRec, StaffRec, World } from './world';

type Item = Record<string, string | number | boolean>;
const D = (s: unknown): Dec => dec(typeof s === 'string' && s !== '' ? s : typeof s === 'number' ? s : '0');

interface Acc {
  payouts: Dec; // sells and buybacks
  external: Dec; // dividends and commissions (ledger)
  withdrawnWant: Dec;
  pendingWant: Dec;
  constant: Dec;
  storeCredit: Dec;
  held: Dec;
  points: Dec; // equity + locked + held
}

/** The part of a pool log entry (functions/src/domain/wallet/ports.ts LogEntry) these checks read. */
interface LogEntryView {
  eventId: string;
  event: unknown;
  outcome?: unknown;
}

export async function checkWorld(
  world: World,
  staff: (fn: string, input: Record<string, unknown>) => Promise<StaffAnswer>,
): Promise<{ violations: string[]; reconcile: { clean: boolean; problems: string[] } }> {
  const v: string[] = [];
  const { scanAll } = await import('../../functions/src/repo/ddb');
  const { eventIdFor } = await import('../../functions/src/domain/idempotency');
  const rec = await staff('reconcile', {});
  const reconcile = rec.ok
    ? { clean: !!rec.result.clean, problems: rec.result.problems as string[] }
    : { clean: false, problems: [`reconcile failed: ${JSON.stringify(rec.error)}`] };
  const all = (await scanAll()) as Item[];
  const userIds = new Set(world.users.map((u) => u.userId));
  const mine = (i: Item) => userIds.has(String(i.userId));
  const acc = new Map<string, Acc>();
  for (const u of world.users)
    acc.set(u.userId, {
      payouts: D(0),
      external: D(0),
      withdrawnWant: D(0),
      pendingWant: D(0),
      constant: D(0),
      storeCredit: D(u.legacyBalance),
      held: D(0),
      points: D(u.legacyPoints),
    });
  const a = (userId: string) => acc.get(userId)!;
  const https = world.recs.filter((r): r is HttpRec => r.type === 'http');
  const staffs = world.recs.filter((r): r is StaffRec => r.type === 'staff');

  // Every request has a final answer; a bad input is refused (4xx, with the expected status).
  for (const r of https) {
    const f = r.result.final;
    if (!f)
      v.push(`${r.op} ${r.req.method} ${r.req.path}: no final answer after retries (${JSON.stringify(r.result.last)})`);
    else if (r.bad && (f.status < 400 || f.status >= 500))
      v.push(`bad input "${r.op}" answered ${f.status} ${JSON.stringify(f.body).slice(0, 200)}`);
    else if (r.bad && r.expect && !r.expect.includes(f.status))
      v.push(
        `bad input "${r.op}" answered ${f.status} (expected ${r.expect.join('/')}): ${JSON.stringify(f.body).slice(0, 200)}`,
      );
    else if (!r.bad && f.status >= 500) v.push(`${r.op} ended with ${f.status}`);
  }
  for (const r of staffs) {
    if (!r.result.final) v.push(`staff ${r.fn} ${JSON.stringify(r.input).slice(0, 120)}: no final answer`);
    else if (r.bad && r.result.final.ok) v.push(`staff ${r.fn} accepted a bad input ${JSON.stringify(r.input)}`);
    else if (!r.bad && r.result.final.error?.code === 'invalid_request')
      v.push(`staff ${r.fn} refused a well-formed call: ${r.result.final.error.message}`);
  }

  // Orders: exactly the accepted ones exist; each completes at most once.
  const dbOrders = new Map(all.filter((i) => i.type === 'order' && mine(i)).map((i) => [String(i.orderId), i]));
  const accepted = new Set<string>();
  for (const r of https)
    if (r.req.path === '/orders' && r.result.final?.status === 201) accepted.add(String(r.result.final.body.orderId));
  for (const id of accepted) if (!dbOrders.has(id)) v.push(`order ${id} was accepted (201) but is not in the table`);
  for (const id of dbOrders.keys())
    if (!accepted.has(id)) v.push(`order ${id} exists though no request was accepted for it`);
  // Every applied event of the pool's log (batch items): its id and event, as the log holds them.
  const poolEvents = all
    .filter((i) => i.type === 'pool_batch')
    .flatMap((b) => (JSON.parse(String(b.body)) as { entries: LogEntryView[] }).entries)
    .filter((e) => e.outcome !== undefined)
    .map((e) => ({ eventId: e.eventId, event: JSON.stringify(e.event) }));
  const completions = new Map<string, number>();
  for (const e of poolEvents) {
    const ev = JSON.parse(String(e.event)) as { kind: string; orderId?: string };
    if ((ev.kind === 'order_completed' || ev.kind === 'redeem') && ev.orderId)
      completions.set(ev.orderId, (completions.get(ev.orderId) ?? 0) + 1);
  }
  for (const [id, o] of dbOrders) {
    const n = completions.get(id) ?? 0;
    if (n > 1) v.push(`order ${id} completed ${n} times`);
    if ((o.status === 'completed') !== (n === 1))
      v.push(`order ${id} is ${String(o.status)} with ${n} completion events`);
    const status = String(o.status);
    if (!['created', 'paid', 'shipped', 'received', 'after_sale', 'completed', 'refunded', 'returned'].includes(status))
      v.push(`order ${id} left ${status} after the drain`);
    const u = a(String(o.userId));
    // What the order still costs its buyer: after-sale refunds give part (or all) of it back.
    const gone = status === 'refunded' || status === 'returned';
    const kept = gone ? D(0) : D(o.amount).minus(D(o.refundedAmount));
    const keptPoints = gone ? D(0) : D(o.pointsCost).minus(D(o.refundedPoints));
    if (o.payWith === 'constant') u.constant = u.constant.minus(kept);
    if (o.payWith === 'storeCredit') u.storeCredit = u.storeCredit.minus(kept);
    if (o.payWith === 'equity' && status !== 'completed') u.held = u.held.plus(keptPoints);
    if (o.payWith === 'equity' && status === 'completed') u.points = u.points.minus(keptPoints);
    if (o.payWith !== 'equity' && status === 'completed') u.points = u.points.plus(D(o.pointsGranted));
  }
  // Stock: back only for an order refunded before receipt and for returns received; nothing else.
  const returnsBack = new Map<string, number>(); // productId -> units
  for (const r of all.filter(
    (i) => i.type === 'after_sale' && mine(i) && i.kind === 'return' && i.status === 'refunded',
  ))
    for (const l of JSON.parse(String(r.items)) as Array<{ productId: string; qty: number }>)
      returnsBack.set(l.productId, (returnsBack.get(l.productId) ?? 0) + l.qty);
  for (const p of world.products) {
    let sold = 0;
    for (const o of dbOrders.values()) {
      if (o.status === 'refunded' && !o.afterSale) continue; // the whole order came back before receipt
      for (const l of JSON.parse(String(o.items)) as Array<{ productId: string; qty: number }>)
        if (l.productId === p.productId) sold += l.qty;
    }
    sold -= returnsBack.get(p.productId) ?? 0;
    const item = all.find((i) => i.type === 'product' && i.productId === p.productId);
    if (Number(item?.stock) !== p.stock - sold)
      v.push(`product ${p.productId} stock ${String(item?.stock)}, expected ${p.stock} − ${sold} sold`);
  }

  // Keyed pool requests: an accepted key's event applied once, a refused key's never.
  const eventsById = new Map<string, number>();
  for (const e of poolEvents) eventsById.set(String(e.eventId), (eventsById.get(String(e.eventId)) ?? 0) + 1);
  // What each event's ledger lines did to each balance, the edge's reserve (`<id>:reserve`) counted
  // with its event: a refusal decided in the batch gives the reserve back, so it nets to zero.
  const netByEvent = new Map<string, Map<string, Dec>>();
  for (const l of all.filter((i) => i.type === 'ledger')) {
    const id = String(l.eventId).replace(/:reserve$/, '');
    const net = netByEvent.get(id) ?? new Map<string, Dec>();
    net.set(String(l.field), (net.get(String(l.field)) ?? D('0')).plus(D(l.delta)));
    netByEvent.set(id, net);
  }
  const movedBalances = (id: string) => [...(netByEvent.get(id)?.values() ?? [])].some((x) => !x.isZero());
  const byKey = new Map<string, HttpRec[]>();
  for (const r of https) {
    if (!r.req.key || !['/wallet/sell', '/wallet/convert', '/wallet/convert-back'].includes(r.req.path)) continue;
    const k = `${r.user}\n${r.req.key}`;
    byKey.set(k, [...(byKey.get(k) ?? []), r]);
  }
  for (const rs of byKey.values()) {
    const user = world.users[rs[0]!.user]!;
    const eventId = eventIdFor(user.userId, rs[0]!.req.key!);
    const ok = rs.find((r) => r.result.final?.status === 200 && !r.bad);
    const n = eventsById.get(eventId) ?? 0;
    if (ok) {
      if (n !== 1) v.push(`${ok.op} ${eventId} accepted but applied ${n} times`);
      const b = ok.result.final!.body;
      const u = a(user.userId);
      if (ok.req.path === '/wallet/sell') {
        u.payouts = u.payouts.plus(D(b.payout));
        u.points = u.points.minus(D(b.points));
      } else if (ok.req.path === '/wallet/convert') {
        u.constant = u.constant.plus(D(b.constant));
        u.points = u.points.minus(D(b.points));
      } else {
        u.constant = u.constant.minus(D(b.amount));
        u.points = u.points.plus(D(b.points));
      }
    } else if (n !== 0 || movedBalances(eventId)) {
      v.push(
        `refused ${rs[0]!.op} ${eventId} (${rs.map((r) => r.result.final?.status).join(',')}) changed the pool or a wallet`,
      );
    }
  }

  // Withdrawals: exactly the accepted ones; decided at most once.
  const dbW = new Map(all.filter((i) => i.type === 'withdrawal' && mine(i)).map((i) => [String(i.withdrawalId), i]));
  const acceptedW = new Set<string>();
  for (const r of https)
    if (r.req.path === '/withdrawals' && r.result.final?.status === 201)
      acceptedW.add(String(r.result.final.body.withdrawalId));
  for (const id of acceptedW) if (!dbW.has(id)) v.push(`withdrawal ${id} accepted but missing`);
  for (const [id, w] of dbW) {
    if (!acceptedW.has(id)) v.push(`withdrawal ${id} exists though no request was accepted for it`);
    const u = a(String(w.userId));
    if (w.status === 'approved') u.withdrawnWant = u.withdrawnWant.plus(D(w.amount));
    const open = w.status === 'requested' || w.status === 'paying' || w.status === 'awaiting_confirmation';
    if (open) u.pendingWant = u.pendingWant.plus(D(w.amount));
    const decisions = (netByEvent.has(`${id}:approved`) ? 1 : 0) + (netByEvent.has(`${id}:rejected`) ? 1 : 0);
    if (open !== (decisions === 0) || decisions > 1)
      v.push(`withdrawal ${id} is ${String(w.status)} with ${decisions} decisions in the ledger`);
    // A WeChat bill only for an approved withdrawal (paid, or waiting for the shopper), and one for each.
    const sent = world.transfers.get(id) ?? 0;
    if (sent > 0 !== (w.status === 'approved' || w.status === 'awaiting_confirmation'))
      v.push(`withdrawal ${id} is ${String(w.status)} but WeChat was asked to transfer it ${sent} times`);
  }

  // Staff grants and buybacks: applied once when they said applied, never when refused.
  const grantIds = new Set<string>();
  for (const r of staffs) {
    if (r.fn !== 'grant' && r.fn !== 'buyback') continue;
    const eventId = eventIdFor(`staff:${r.fn}`, String(r.input.requestId));
    const res = r.result.final?.result;
    const n = eventsById.get(eventId) ?? 0;
    const u = acc.get(String(r.input.userId));
    if (r.result.final?.ok && res?.status === 'applied') {
      if (n !== 1) v.push(`${r.fn} ${eventId} applied ${n} times`);
      if (r.fn === 'grant') {
        grantIds.add(eventId);
        u!.points = u!.points.plus(D(res.outcome.pointsGranted ?? r.input.points));
      } else {
        u!.payouts = u!.payouts.plus(D(res.outcome.payout));
        u!.points = u!.points.minus(D(res.outcome.points));
      }
    } else if (n !== 0 && !(r.result.final?.ok && res?.status === 'pending')) {
      v.push(`${r.fn} ${eventId} answered ${JSON.stringify(r.result.final).slice(0, 160)} but applied ${n} times`);
    }
  }
  // Points minted only by an accepted order, a grant the staff made, or the legacy import.
  for (const e of poolEvents) {
    const ev = JSON.parse(String(e.event)) as {
      kind: string;
      user?: string;
      buyer?: string;
      orderId?: string;
      reason?: string;
    };
    const who = ev.user ?? ev.buyer ?? '';
    if (!userIds.has(who)) continue;
    if (ev.kind === 'order_completed' && !accepted.has(String(ev.orderId)))
      v.push(`points minted for order ${String(ev.orderId)} that no accepted request created`);
    if (ev.kind === 'grant' && ev.reason !== 'legacy' && !grantIds.has(String(e.eventId)))
      v.push(`grant ${String(e.eventId)} to ${who} that no staff call was told was applied`);
  }

  // Balances: each wallet equals what its owner's answers add up to.
  for (const l of all.filter((i) => i.type === 'ledger' && mine(i) && i.field === 'cash')) {
    const why = String(l.why);
    if (why === 'dividend' || why.startsWith('commission') || why.startsWith('agent'))
      a(String(l.userId)).external = a(String(l.userId)).external.plus(D(l.delta));
  }
  const wallets = new Map(all.filter((i) => i.type === 'wallet' && mine(i)).map((i) => [String(i.userId), i]));
  for (const u of world.users) {
    const w = wallets.get(u.userId) ?? {};
    const m = a(u.userId);
    const check = (what: string, got: Dec, want: Dec) => {
      if (!got.eq(want))
        v.push(`user ${u.i} (${u.userId}) ${what} is ${got.toFixed()}, the model says ${want.toFixed()}`);
    };
    const cashSide = D(w.cash).plus(D(w.cashPending)).plus(D(w.withdrawn));
    check('cash + pending + withdrawn', cashSide, m.payouts.plus(m.external));
    check('withdrawn', D(w.withdrawn), m.withdrawnWant);
    check('cashPending', D(w.cashPending), m.pendingWant);
    check('constant', D(w.constant), m.constant);
    check('storeCredit', D(w.storeCredit), m.storeCredit);
    check('equityHeld', D(w.equityHeld), m.held);
    check('equity + locked + held', D(w.equity).plus(D(w.equityLocked)).plus(D(w.equityHeld)), m.points);
  }
  return { violations: v, reconcile };
}
