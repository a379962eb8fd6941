// The randomized system test: users and staff act at once over HTTP (staff functions in-process,
// as the console invokes them) against the local stack while the repository layer injects
// faults; then faults off, every unanswered request retried to its final answer, everything
// drained, and the table checked against the staff reconcile (I1–I6, the replay) and the
// test's own model (checks.ts). Reproducible choices from one seed: the same SEED gives every
// actor the same stream of operations and arguments and the fault injector the same stream of
// decisions; which command meets which fault still depends on timing.
import { randomBytes } from 'crypto';
import { retrying, staffRetrying, type StaffAnswer } from './client';
import { Rng } from './rng';
import { STAFF_OPS, USER_OPS, addDays, type Ctx, type OpDef } from './ops';
import { World } from './world';
import { checkWorld } from './checks';
import type { FaultKind, FaultPlan } from '../../functions/src/repo/faults';

process.env.STAGE ??= 'local';
process.env.TABLE_NAME ??= 'greenpoints-local';

export interface ChaosOpts {
  seed: number;
  ops: number; // operations in all (users and staff)
  users?: number; // default 50
  rates?: FaultPlan['rates'];
  log?: (s: string) => void;
  /** settle today and the days after it (a stack of its own only); default: only days already over */
  settleAhead?: boolean;
}

export interface ChaosSummary {
  seed: number;
  operations: number;
  users: number;
  requests: number;
  badInputs: number;
  faults: Record<FaultKind, number>;
  resolvedAtEnd: number;
  /** those requests by what they had last seen (`sell 503`, `order 202 pending` …) */
  resolvedByLast: Record<string, number>;
  opsByName: Record<string, number>;
  /** final answers by operation: e.g. sell {200: 40, 422: 3} */
  answers: Record<string, Record<string, number>>;
  violations: string[];
  reconcile: { clean: boolean; problems: string[] };
  seconds: number;
}

export const DEFAULT_RATES: FaultPlan['rates'] = {
  conflict: 0.02,
  throttle: 0.02,
  timeout: 0.01,
  lostAnswer: 0.01,
  crash: 0.01,
  duplicate: 0.02,
  drainKill: 0.15,
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function staffFns() {
  // A money move waits for a second signature: staff-chaos-2 approves what staff-chaos asks.
  const { staffSigned } = await import('../staff-call');
  return (fn: string, input: Record<string, unknown>): Promise<StaffAnswer> =>
    staffSigned('staff-chaos', fn, input) as Promise<StaffAnswer>;
}

async function setup(
  world: World,
  rng: Rng,
  nUsers: number,
  staff: Awaited<ReturnType<typeof staffFns>>,
  settleAhead: boolean,
) {
  const must = async (fn: string, input: Record<string, unknown>) => {
    const r = await staffRetrying((e) => staff(fn, e), input, rng);
    if (!r.final?.ok) throw new Error(`setup ${fn}: ${JSON.stringify(r.final?.error)}`);
    return r.final.result;
  };
  const id = world.runId;
  world.products = [
    { productId: `cx${id}a`, price: '100.00', poolContribution: '30.00', dividendContribution: '5.00', stock: 100000 },
    { productId: `cx${id}b`, price: '59.90', poolContribution: '12.50', dividendContribution: '2.00', stock: 100000 },
    { productId: `cx${id}c`, price: '5.00', poolContribution: '1.50', dividendContribution: '0.50', stock: 100000 },
    { productId: `cx${id}s`, price: '20.00', poolContribution: '6.00', dividendContribution: '1.00', stock: 30 },
  ];
  for (const p of world.products) await must('upsert-product', { ...p, name: `chaos ${p.productId}` });
  // A tenth of the users are old members: store credit and locked points before their first login.
  const legacy = Math.max(1, Math.floor(nUsers / 10));
  const rows = Array.from({ length: legacy }, (_, i) => `dev:chaos-${id}-${i},,300.00,20,`);
  await must('import-legacy-members', {
    importId: `chaos-${id}`,
    format: 'csv',
    data: `openid,phone,balance,points,nickname\n${rows.join('\n')}\n`,
  });
  for (let i = 0; i < nUsers; i++) {
    const referrer = i >= legacy ? world.users[i % legacy]?.userId : undefined;
    const r = await retrying(
      {
        method: 'POST',
        path: '/auth/login',
        body: { devOpenId: `chaos-${id}-${i}`, ...(referrer ? { referrer } : {}) },
      },
      rng,
    );
    if (r.final?.status !== 200) throw new Error(`login ${i}: ${JSON.stringify(r.final ?? r.last)}`);
    world.users.push({
      i,
      name: `chaos-${id}-${i}`,
      userId: r.final.body.userId,
      token: r.final.body.token,
      legacyBalance: i < legacy ? '300.00' : '0',
      legacyPoints: i < legacy ? '20' : '0',
    });
  }
  // Everyone starts with a few points (a welcome grant), so sells, converts and point orders can happen early.
  for (const u of world.users) {
    const input = { userId: u.userId, points: '10', reason: '新人礼', requestId: `seed${id}${u.i}` };
    const result = await staffRetrying((e) => staff('grant', e), input, rng);
    world.recs.push({ type: 'staff', op: 'grant', fn: 'grant', input, bad: false, result });
  }
  // Settlement days follow each other from the first day not settled yet.
  const { getItem } = await import('../../functions/src/repo/ddb');
  const { keys } = await import('../../functions/src/repo/keys');
  const { businessDate, addDays } = await import('../../functions/src/domain/calendar');
  const carry = await getItem(keys.carry());
  const today = businessDate(Date.now());
  const last = typeof carry?.lastDate === 'string' ? carry.lastDate : undefined;
  const next = (d: string) => (last && last >= d ? addDays(last, 1) : d);
  if (settleAhead) {
    world.simDay = next(today);
    world.settleUntil = world.simDay;
  } else {
    world.simDay = next(addDays(today, -3));
    world.settleUntil = addDays(today, -1);
  }
}

async function actor(c: Ctx, table: OpDef[], n: number, world: World) {
  // Draws until n operations ran; an entry with nothing to do (no order to ship yet) draws again.
  for (let done = 0, draws = 0; done < n && draws < n * 20; draws++) {
    const op = c.rng.weighted(table);
    if (!(await op.run(c))) continue;
    done++;
    world.ops++;
    world.opsByName[op.name] = (world.opsByName[op.name] ?? 0) + 1;
    await sleep(c.rng.int(40));
  }
}

/** Faults off: every request left without a final answer is sent again, as its client would. */
/** What a request had last seen when its tries ran out (for the report). */
function lastSeen(r: World['recs'][number]): string {
  if (r.type === 'staff') return `${r.op} (staff, still failing)`;
  const last = r.result.last;
  if (last === undefined) return `${r.op} no answer`;
  if (typeof last === 'string') return `${r.op} network error`;
  return `${r.op} ${last.status}${last.body?.poll ? ' pending' : last.body?.error?.code ? ` ${last.body.error.code}` : ''}`;
}

async function resolveUnknowns(
  world: World,
  rng: Rng,
  staff: Awaited<ReturnType<typeof staffFns>>,
): Promise<{ n: number; byLast: Record<string, number> }> {
  let n = 0;
  const byLast: Record<string, number> = {};
  for (const r of world.recs) {
    if (r.result.final) continue;
    byLast[lastSeen(r)] = (byLast[lastSeen(r)] ?? 0) + 1;
    if (r.type === 'http') r.result = await retrying(r.req, rng, 20);
    else r.result = await staffRetrying((e) => staff(r.fn, e), r.input, rng, 20);
    n++;
  }
  return { n, byLast };
}

async function drainAll(staff: Awaited<ReturnType<typeof staffFns>>, world: World, rng: Rng) {
  const { scanAll, getItem } = await import('../../functions/src/repo/ddb');
  const { isKey, keys } = await import('../../functions/src/repo/keys');
  let pending: Awaited<ReturnType<typeof scanAll>> = [];
  for (let round = 0; round < 30; round++) {
    // The pool's queue is write-sharded (keys.queue): a scan finds what is still queued, and also
    // a batch committed but not yet projected (the pool item's projected < batch).
    const items = await scanAll();
    pending = items.filter((i) => i.type === 'queued');
    const head = items.find((i) => isKey(i, keys.pool()));
    if (head && Number(head.projected ?? 0) < Number(head.batch ?? 0)) pending.push(head);
    const stuck = items.filter(
      (i) => i.type === 'order' && i.status === 'refund_requested' && world.orders.has(String(i.orderId)),
    );
    // An approval that died after its claim: the operator approves it again (same transfer id).
    const approving = items.filter(
      (i) => i.type === 'withdrawal' && i.status === 'paying' && world.withdrawals.has(String(i.withdrawalId)),
    );
    if (!pending.length && !stuck.length && !approving.length) return;
    await staffRetrying((e) => staff('drain-pool', e), {}, rng, 20);
    for (const w of approving)
      await staffRetrying(
        (e) => staff('approve-withdrawal', e),
        { withdrawalId: String(w.withdrawalId), approve: true },
        rng,
        20,
      );
    // A WeChat refund left asking (the process died mid-refund): the staff asks again.
    for (const o of stuck)
      await staffRetrying((e) => staff('refund-order', e), { orderId: String(o.orderId) }, rng, 20);
    await sleep(400); // a lease left by a killed drainer expires (3 s)
  }
  const records = await Promise.all(pending.map((p) => getItem(keys.event(String(p.eventId)))));
  throw new Error(
    `the pool did not drain in 30 rounds: ${JSON.stringify(pending)} with status records ${JSON.stringify(records)}`,
  );
}

export async function runChaos(o: ChaosOpts): Promise<ChaosSummary> {
  const t0 = Date.now();
  const log = o.log ?? (() => undefined);
  const nUsers = o.users ?? 50;
  const faults = await import('../../functions/src/repo/faults');
  const { sandboxNotify, sandboxTransfer } = await import('../../functions/src/adapters/wechat/sandbox');
  const { settlementHooks } = await import('../../functions/src/domain/programme/settlement');
  const { getParams } = await import('../../functions/src/repo/repository');
  const staff = await staffFns();
  const wechat = await import('../../functions/src/adapters/wechat');
  const root = new Rng(o.seed);
  const world = new World(`${o.seed.toString(36)}${randomBytes(3).toString('hex')}`);
  faults.clearFaultPlan();
  // Every transfer the approvals ask WeChat for (the sandbox's answer), to check none pays a rejected one.
  wechat.setLocalWeChatTransfer({
    async transfer(t) {
      const r = await sandboxTransfer().transfer(t);
      if (r.status === 'accepted') world.transfers.set(t.withdrawalId, (world.transfers.get(t.withdrawalId) ?? 0) + 1);
      return r;
    },
  });
  const setupRng = root.fork(10_000);
  await setup(world, setupRng, nUsers, staff, !!o.settleAhead);
  const before = (await getParams(true)).params;
  const savedNow = settlementHooks.now;
  const ctx = (rng: Rng, user: number): Ctx => ({
    rng,
    world,
    user,
    staff,
    notify: sandboxNotify,
    // settle-day refuses a day not over yet: ahead, the staff's clock stands the day after the last allowed.
    setClock: (lastDay) => {
      if (o.settleAhead) settlementHooks.now = () => Date.parse(`${addDays(lastDay, 1)}T12:00:00+08:00`);
    },
  });
  const staffActors = 3;
  const userOps = Math.ceil((o.ops * 0.85) / nUsers);
  const staffOps = Math.ceil((o.ops * 0.15) / staffActors);
  log(`[chaos] seed ${o.seed}: ${nUsers} users × ${userOps} + ${staffActors} staff × ${staffOps} operations`);
  faults.resetFaultCounts();
  faults.setFaultPlan({ seed: o.seed, rates: o.rates ?? DEFAULT_RATES });
  // Injected faults make the staff functions log; count those, print anything else.
  const realError = console.error;
  let injectedLogs = 0;
  console.error = (...args: unknown[]) => {
    if (args.some((x) => (x as { injected?: boolean })?.injected || /\[injected\]/.test(String(x)))) injectedLogs++;
    else realError(...args);
  };
  try {
    await Promise.all([
      ...world.users.map((u) => actor(ctx(root.fork(u.i), u.i), USER_OPS, userOps, world)),
      ...Array.from({ length: staffActors }, (_, s) => actor(ctx(root.fork(5_000 + s), 0), STAFF_OPS, staffOps, world)),
    ]);
  } finally {
    faults.clearFaultPlan();
    console.error = realError;
  }
  const counts = faults.faultCounts();
  log(`[chaos] ${injectedLogs} staff errors logged were injected faults`);
  log(`[chaos] ${world.ops} operations in ${Math.round((Date.now() - t0) / 1000)} s; faults ${JSON.stringify(counts)}`);
  await sleep(500); // late duplicate deliveries land
  const endRng = root.fork(20_000);
  // Faults are off: an approval that died mid-payout may be resumed at once, not after its 60 s lease.
  const { withdrawalTuning } = await import('../../functions/src/domain/wallet/wallet');
  const leaseMs = withdrawalTuning.leaseMs;
  withdrawalTuning.leaseMs = 0;
  const { n: resolved, byLast: resolvedByLast } = await resolveUnknowns(world, endRng, staff);
  await drainAll(staff, world, endRng);
  // Ahead: the days after today, now that nothing completes any more (the first takes today's late entries).
  for (let k = 1; o.settleAhead && k <= 3; k++) {
    const day = addDays(world.settleUntil, k);
    settlementHooks.now = () => Date.parse(`${addDays(day, 1)}T12:00:00+08:00`);
    const input = { date: day };
    const result = await staffRetrying((e) => staff('settle-day', e), input, endRng, 20);
    world.recs.push({ type: 'staff', op: 'settleDay', fn: 'settle-day', input, bad: false, result });
  }
  // The parameters as they were before the run (other suites expect the defaults).
  await staffRetrying((e) => staff('set-config', e), { change: before }, endRng, 20);
  settlementHooks.now = savedNow;
  withdrawalTuning.leaseMs = leaseMs;
  const { violations, reconcile } = await checkWorld(world, staff);
  wechat.setLocalWeChatTransfer(undefined);
  return {
    seed: o.seed,
    operations: world.ops,
    users: nUsers,
    requests: world.recs.length,
    badInputs: world.badInputs,
    faults: counts,
    resolvedAtEnd: resolved,
    resolvedByLast,
    opsByName: world.opsByName,
    answers: answersOf(world),
    violations,
    reconcile,
    seconds: Math.round((Date.now() - t0) / 1000),
  };
}

function answersOf(world: World): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const r of world.recs) {
    const op = r.op.startsWith('bad:') ? 'bad' : r.op;
    const code = r.type === 'http' ? r.result.final?.body?.error?.code : undefined;
    const f =
      r.type === 'http'
        ? `${r.result.final?.status ?? 'none'}${code && r.result.final!.status !== 400 ? ` ${code}` : ''}`
        : r.result.final?.ok
          ? 'ok'
          : (r.result.final?.error?.code ?? 'none');
    const m = (out[op] ??= {});
    m[f] = (m[f] ?? 0) + 1;
  }
  return out;
}

export function seedFromEnv(): number {
  const s = process.env.SEED;
  if (s !== undefined && s !== '') {
    const n = Number(s);
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`SEED must be a non-negative integer, not ${s}`);
    return n;
  }
  return Math.floor(Math.random() * 2 ** 31);
}

export function summaryText(s: ChaosSummary): string {
  const faults = Object.entries(s.faults)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const total = Object.values(s.faults).reduce((a, b) => a + b, 0);
  return [
    `seed ${s.seed}: ${s.operations} operations by ${s.users} users and 3 staff in ${s.seconds} s (${s.requests} requests recorded)`,
    `faults injected: ${total} (${faults})`,
    `bad inputs tried: ${s.badInputs}; requests answered only after the faults stopped: ${s.resolvedAtEnd} ${JSON.stringify(s.resolvedByLast)}`,
    `answers: ${Object.entries(s.answers)
      .map(([op, m]) => `${op} ${JSON.stringify(m)}`)
      .join('; ')}`,
    `reconcile: ${s.reconcile.clean ? 'clean' : 'NOT clean'}; violations: ${s.violations.length}`,
    ...s.violations.slice(0, 40).map((v) => `  - ${v}`),
  ].join('\n');
}
