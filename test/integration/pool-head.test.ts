// The pool's verifiable head (issue 21 item 6) over real HTTP on DynamoDB Local: GET /pool/head is
// signed with the local stack's P-256 key published at GET /pool/keys; a head saved earlier catches
// a chain rebuilt consistently by someone who can write the table (`--expect-head`, also through
// the command line and its exit code); a forged head fails the signature; `--from` verifies from a
// checkpoint without reading the batches before it; the owner finds their own line in the log.
// Every stored item changed here is put back, so the shared table stays clean.
import { execFile } from 'child_process';
import path from 'path';
import { generateKeyPairSync, sign } from 'crypto';
import { poolHeadAnswer, poolKeysAnswer } from '@greenpoints/shared';
import { headMessage, verifyHeadSignature } from '@greenpoints/shared/src/poollog';
import { call, completedOrder, login, sellHalf, uniq } from './helpers';
import { getItem, putItem, scanAll, type Item } from '../../functions/src/repo/ddb';
import { keys } from '../../functions/src/repo/keys';
import { toBatch } from '../../functions/src/repo/poollog';
import { hashBatch } from '../../functions/src/domain/wallet/poolhash';
import { verifyPool } from '../../functions/src/staff/verify-pool';

const api = () => process.env.API_URL!;
const root = path.join(__dirname, '../..');

async function signedHead() {
  const r = await call('GET', '/pool/head');
  expect(r.status).toBe(200);
  return poolHeadAnswer.parse(r.body);
}

/** The command line as anyone runs it: exit code and output. */
function cli(args: string[]): Promise<{ code: number; out: string }> {
  const tsx = path.join(root, 'node_modules/.bin/tsx');
  return new Promise((resolve) =>
    execFile(tsx, ['functions/src/staff/verify-pool.ts', '--api', api(), ...args], { cwd: root }, (e, stdout, stderr) =>
      resolve({ code: e ? Number(e.code ?? 1) : 0, out: stdout + stderr }),
    ),
  );
}

const batches = async () =>
  (await scanAll()).filter((i) => i.type === 'pool_batch').sort((a, b) => Number(a.batch) - Number(b.batch));

let buyer: { token: string; userId: string };
beforeAll(async () => {
  buyer = await login(uniq('head'));
  await completedOrder(buyer.token, 'rice-10kg', 1);
  await sellHalf(buyer.token);
});

it('GET /pool/head is the newest published batch, signed with a key of GET /pool/keys', async () => {
  const head = await signedHead();
  const keyList = poolKeysAnswer.parse((await call('GET', '/pool/keys')).body);
  const key = keyList.keys.find((k) => k.keyId === head.keyId);
  expect(key?.alg).toBe('ECDSA_SHA_256');
  expect(key!.keyId).toMatch(/^local-[0-9a-f]{16}$/);
  expect(verifyHeadSignature(head, head.signature, key!.publicKey)).toBe(true);
  const log = (await call('GET', `/pool/log?from=${head.batch}&limit=1`)).body;
  expect(log.head.batch).toBe(head.batch);
  expect(log.batches[0].hash).toBe(head.hash);
  // A pinned key id: the saved one passes, another fails.
  expect((await verifyPool(api(), { keyId: head.keyId })).problems).toEqual([]);
  const pinned = await verifyPool(api(), { keyId: 'arn:aws:kms:ap-east-1:111122223333:key/other' });
  expect(pinned.problems.join('\n')).toMatch(/not the key .* saved earlier/);
  // Within the minute the kept head is answered again: one signature per batch, not per read.
  expect(await signedHead()).toEqual(head);
  await sellHalf(buyer.token);
  const next = await signedHead();
  expect(next.batch).toBeGreaterThan(head.batch);
  expect(verifyHeadSignature(next, next.signature, key!.publicKey)).toBe(true);
});

it('the owner finds their own line: the batch, their pseudonym there, which changes from batch to batch', async () => {
  const ledger = (await call('GET', '/ledger?limit=20', { token: buyer.token })).body.entries as Array<{
    eventId: string;
  }>;
  const ids = [...new Set(ledger.map((l) => l.eventId))];
  expect(ids.length).toBeGreaterThanOrEqual(2);
  const proofs: Array<{ batch: number; user: string }> = [];
  for (const id of ids) {
    const p = await call('GET', `/pool/proof/${id}`, { token: buyer.token });
    if (p.status !== 200) continue; // a line outside the pool (none here: completion and sells)
    proofs.push(p.body);
    const b = (await call('GET', `/pool/log?from=${p.body.batch}&limit=1`)).body.batches[0];
    const entry = b.entries.find((e: { eventId: string }) => e.eventId === id);
    expect(entry.user).toBe(p.body.user);
  }
  expect(proofs.length).toBeGreaterThanOrEqual(2);
  const inOtherBatches = proofs.filter((p) => p.batch !== proofs[0].batch);
  expect(inOtherBatches.length).toBeGreaterThan(0);
  for (const p of inOtherBatches) expect(p.user).not.toBe(proofs[0].user);
  // Someone else's event, an unknown one and a stranger id: 404, never 500.
  const other = await login(uniq('head-other'));
  expect((await call('GET', `/pool/proof/${ids[0]}`, { token: other.token })).status).toBe(404);
  expect((await call('GET', `/pool/proof/ev_${'0'.repeat(32)}`, { token: buyer.token })).status).toBe(404);
  expect((await call('GET', `/pool/proof/${'x'.repeat(3000)}`, { token: buyer.token })).status).toBe(404);
  expect((await call('GET', `/pool/proof/${ids[0]}`)).status).toBe(401);
});

/** Rebuilds the chain from batch `from` on with another time on that batch: consistent, rehashed. */
async function rewriteFrom(from: number): Promise<Item[]> {
  const all = await batches();
  const originals: Item[] = [(await getItem(keys.pool())) as Item, ...all.filter((i) => Number(i.batch) >= from)];
  let prev = String(all.find((i) => Number(i.batch) === from)!.prevHash);
  for (const item of all.filter((i) => Number(i.batch) >= from)) {
    const log = toBatch(item);
    const at = Number(item.batch) === from ? '2001-01-01T00:00:00.000Z' : log.at;
    const hash = hashBatch({ ...log, at, prevHash: prev });
    await putItem({ ...item, at, prevHash: prev, hash });
    prev = hash;
  }
  await putItem({ ...originals[0]!, hash: prev });
  return originals;
}

it('a chain rebuilt consistently passes on its own but fails the head saved before (--expect-head)', async () => {
  const saved = await signedHead();
  expect((await verifyPool(api(), { expectHead: saved })).problems).toEqual([]);
  const first = Number((await batches())[0]!.batch);
  const originals = await rewriteFrom(first);
  try {
    const alone = await verifyPool(api());
    expect(alone.problems).toEqual([]); // a consistent chain, freshly signed: nothing to see alone
    expect(alone.head!.hash).not.toBe(saved.hash);
    const against = await verifyPool(api(), { expectHead: saved });
    expect(against.ok).toBe(false);
    expect(against.problems.join('\n')).toContain(`expected head ${saved.batch}:${saved.hash}`);
    const run = await cli(['--expect-head', `${saved.batch}:${saved.hash}`]);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/the chain was rewritten/);
  } finally {
    for (const o of originals) await putItem(o);
  }
  const back = await cli(['--expect-head', `${saved.batch}:${saved.hash}`]);
  expect(back.out).toMatch(/pool log verified/);
  expect(back.code).toBe(0);
  expect((await cli(['--expect-head', 'not-a-head'])).code).toBe(2);
});

it('a forged head fails the signature check', async () => {
  const head = await signedHead();
  const kept = (await getItem(keys.poolHeadSigned(head.batch)))!;
  // Someone who can write the table but has no signing key: their own key, the published key id.
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const forged = sign('sha256', Buffer.from(headMessage(head)), privateKey).toString('base64');
  try {
    await putItem({ ...kept, signature: forged });
    const served = await signedHead();
    expect(served.signature).toBe(forged);
    const v = await verifyPool(api());
    expect(v.ok).toBe(false);
    expect(v.problems.join('\n')).toMatch(/signature does not verify .*forged/);
  } finally {
    await putItem(kept);
  }
  expect((await verifyPool(api())).ok).toBe(true);
});

it('--from verifies from a saved checkpoint without reading the batches before it', async () => {
  const checkpoint = await signedHead();
  await sellHalf(buyer.token);
  const full = await verifyPool(api());
  const inc = await verifyPool(api(), { from: { batch: checkpoint.batch, hash: checkpoint.hash } });
  expect(inc.problems).toEqual([]);
  expect(inc.batches).toBeGreaterThan(0);
  expect(inc.batches).toBeLessThan(full.batches);
  expect(inc.pool).toEqual(full.pool);
  // A batch before the checkpoint tampered: the full run sees it, the incremental one never reads it.
  // (the earliest batch with an applied event: a batch may hold only notes of changes outside the pool)
  const applied = (b: { body?: unknown }) =>
    (JSON.parse(String(b.body)) as { entries: Array<{ outcome?: unknown }> }).entries.some((e) => e.outcome);
  const early = (await batches()).find(applied)!;
  expect(Number(early.batch)).toBeLessThan(checkpoint.batch);
  const body = JSON.parse(String(early.body));
  const entry = body.entries.find((e: { outcome?: unknown }) => e.outcome);
  entry.outcome.priceAfter = '9.99';
  try {
    await putItem({ ...early, body: JSON.stringify(body) });
    expect((await verifyPool(api())).ok).toBe(false);
    expect((await verifyPool(api(), { from: { batch: checkpoint.batch, hash: checkpoint.hash } })).ok).toBe(true);
  } finally {
    await putItem(early);
  }
  // A checkpoint the log no longer holds fails.
  const wrong = await verifyPool(api(), { from: { batch: checkpoint.batch, hash: 'ab'.repeat(32) } });
  expect(wrong.problems.join('\n')).toMatch(/checkpoint .* the log now has/);
});
