// Anyone can check the pool: `npm run verify-pool` downloads GET /pool/log, checks the hash chain
// and replays it with the engine to the published pool. One tampered stored event fails it at
// that batch (the item is restored afterwards, so the shared table stays clean). Changes made
// outside the pool (withdrawals here) are in the log as notes, and the replay gives the accounts
// the pool item holds (issue 21 item 6).
import { call, completedOrder, login, sellHalf, staff, uniq } from './helpers';
import { scanAll, putItem } from '../../functions/src/repo/ddb';
import { verifyPool } from '../../functions/src/staff/verify-pool';

const api = () => process.env.API_URL!;

it('the public log verifies, hides user ids, and a tampered event fails at its batch', async () => {
  const u = await login(uniq('verify'));
  await completedOrder(u.token, 'rice-10kg', 1);
  await sellHalf(u.token);
  const good = await verifyPool(api());
  expect(good.problems).toEqual([]);
  expect(good.ok).toBe(true);
  expect(good.events).toBeGreaterThan(1);
  const page = await call('GET', '/pool/log?from=1&limit=20');
  expect(page.status).toBe(200);
  expect(JSON.stringify(page.body)).not.toContain(u.userId);

  // A batch with an applied event (some batches hold only notes).
  const items = (await scanAll())
    .filter((i) => i.type === 'pool_batch')
    .filter((i) => JSON.parse(String(i.body)).entries.some((e: { outcome?: unknown }) => e.outcome));
  const target = items.sort((a, b) => Number(a.batch) - Number(b.batch))[Math.floor(items.length / 2)]!;
  const original = { ...target };
  const body = JSON.parse(String(target.body));
  const entry = body.entries.find((e: { outcome?: unknown }) => e.outcome);
  entry.outcome.priceAfter = '9.99';
  try {
    await putItem({ ...target, body: JSON.stringify(body) });
    const bad = await verifyPool(api());
    expect(bad.ok).toBe(false);
    expect(bad.problems[0]).toMatch(new RegExp(`^batch ${Number(target.batch)}: `));
  } finally {
    await putItem(original);
  }
  expect((await verifyPool(api())).ok).toBe(true);
});

it('withdrawals, grants and buybacks are in the public log, and the replay gives the accounts of the head', async () => {
  const u = await login(uniq('verify-acc'));
  await completedOrder(u.token, 'rice-10kg', 2);
  await sellHalf(u.token);
  const granted = await staff('grant', { userId: u.userId, points: '1', reason: '活动', requestId: uniq('vg') });
  const bought = await staff('buyback', { userId: u.userId, points: '1', requestId: uniq('vb') });
  expect([granted.ok, bought.ok]).toEqual([true, true]);
  const paid = await call('POST', '/withdrawals', { token: u.token, body: { amount: '1.00' } });
  const refused = await call('POST', '/withdrawals', { token: u.token, body: { amount: '1.50' } });
  expect([paid.status, refused.status]).toEqual([201, 201]);
  const { setLocalWeChatTransfer } = await import('../../functions/src/adapters/wechat');
  setLocalWeChatTransfer({
    async transfer(o) {
      return { status: 'accepted', detail: 'scripted', bill: { withdrawalId: o.withdrawalId, state: 'SUCCESS' } };
    },
  });
  try {
    expect((await staff('approve-withdrawal', { withdrawalId: paid.body.withdrawalId })).result.status).toBe(
      'approved',
    );
  } finally {
    setLocalWeChatTransfer(undefined);
  }
  const r = await staff('approve-withdrawal', { withdrawalId: refused.body.withdrawalId, approve: false });
  expect(r.result.status).toBe('rejected');

  const v = await verifyPool(api());
  expect(v.problems).toEqual([]);
  // The public log: every page, its notes under pseudonyms, and the head's accounts.
  const batches: any[] = [];
  let head: any;
  for (let from: number | null = 1; from !== null;) {
    const page: { body: any } = await call('GET', `/pool/log?from=${from}&limit=20`);
    batches.push(...page.body.batches);
    head = page.body.head;
    from = page.body.next;
  }
  expect(head.accounts).toEqual(v.accounts);
  const notes = batches.flatMap((b) => b.notes ?? []);
  const w = paid.body.withdrawalId as string;
  const x = refused.body.withdrawalId as string;
  const mine = notes.filter((n) => [w, `${w}:approved`, x, `${x}:rejected`].includes(n.eventId));
  expect(mine.map((n) => n.event.kind).sort()).toEqual([
    'withdraw_approve',
    'withdraw_reject',
    'withdraw_request',
    'withdraw_request',
  ]);
  expect(JSON.stringify(mine)).not.toContain(u.userId);
  // The grant and the buyback under the user's pseudonym of their batch (another in every batch),
  // which the owner learns from GET /pool/proof/{eventId}.
  const entries = batches.flatMap((b) => b.entries.map((e: any) => ({ ...e, batch: b.batch })));
  for (const [r, kind] of [
    [granted, 'grant'],
    [bought, 'sell'],
  ] as const) {
    const proof = (await call('GET', `/pool/proof/${r.result.eventId}`, { token: u.token })).body;
    const e = entries.find((x) => x.eventId === r.result.eventId);
    expect(e).toMatchObject({ batch: proof.batch, user: proof.user, event: { kind } });
    expect(e.outcome).toBeDefined();
  }

  // One note tampered with (its amount, within the cash the engine saw): verify-pool names its batch.
  const stored = (await scanAll()).filter((i) => i.type === 'pool_batch');
  const target = stored.find((i) => String(i.body).includes(`"eventId":"${w}"`))!;
  const original = { ...target };
  const body = JSON.parse(String(target.body));
  body.notes.find((n: any) => n.eventId === w).event.amount = '0.50';
  try {
    await putItem({ ...target, body: JSON.stringify(body) });
    const bad = await verifyPool(api());
    expect(bad.ok).toBe(false);
    expect(bad.problems).toEqual(
      expect.arrayContaining([
        `batch ${Number(target.batch)}: its hash does not match its contents`,
        `batch ${Number(target.batch)}: note ${w} (withdraw_request) replays to other changes`,
      ]),
    );
  } finally {
    await putItem(original);
  }
  expect((await verifyPool(api())).ok).toBe(true);
});
