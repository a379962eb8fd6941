// The signed head's use case on plain in-memory stores and the real local signer: one signature
// per batch while it stays fresh, a new one for a new batch or after a minute, the kept one when
// another reader signed first. (Over HTTP on DynamoDB Local: test/integration/pool-head.test.ts.)
import { defaultParams, emptyPool } from '@greenpoints/shared';
import { headMessage, verifyHeadSignature } from '@greenpoints/shared/src/poollog';
import { HEAD_FRESH_MS, signedHead, type PoolHeadDeps } from '../src/domain/wallet/pool-head';
import type { SignedHead } from '../src/domain/wallet/pool-head-ports';
import { localSigner } from '../src/adapters/signing/local';

function world() {
  const kept = new Map<number, SignedHead>();
  let keyPem: string | undefined;
  const signer = localSigner({ load: async () => keyPem, keep: async (pem) => (keyPem ??= pem) }, '');
  const signs: string[] = [];
  const head = { batch: 1, projected: 1, hash: 'aa'.repeat(32) };
  const deps: PoolHeadDeps = {
    config: { params: async () => ({ params: defaultParams, version: 0 }) },
    pool: {
      head: async () => ({ pool: emptyPool(defaultParams), exists: true, ...head }),
      getBatch: async () => undefined,
    },
    signedHeads: {
      get: async (b) => kept.get(b),
      put: async (h, replacing) => {
        if (kept.get(h.batch)?.at !== replacing) return false;
        kept.set(h.batch, h);
        return true;
      },
    },
    headSigner: () => ({
      sign: (m) => (signs.push(m), signer.sign(m)),
      publicKeys: () => signer.publicKeys(),
    }),
  };
  return { deps, head, kept, signs, signer };
}

const t0 = new Date('2026-12-08T01:00:00.000Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

test('one signature per batch while fresh; a new batch or a minute later signs again', async () => {
  const w = world();
  const first = await signedHead(w.deps, t0);
  const [key] = await w.signer.publicKeys();
  expect(verifyHeadSignature(first, first.signature, key!.publicKey)).toBe(true);
  expect(await signedHead(w.deps, later(HEAD_FRESH_MS - 1))).toEqual(first);
  expect(w.signs).toEqual([headMessage(first)]);
  w.head.batch = 2;
  w.head.projected = 2;
  w.head.hash = 'bb'.repeat(32);
  const second = await signedHead(w.deps, later(1000));
  expect({ batch: second.batch, hash: second.hash }).toEqual({ batch: 2, hash: 'bb'.repeat(32) });
  const stale = await signedHead(w.deps, later(1000 + HEAD_FRESH_MS));
  expect(stale.at).toBe(later(1000 + HEAD_FRESH_MS).toISOString());
  expect(w.signs).toHaveLength(3);
});

test('a batch still being projected is not published: the head is the one before it', async () => {
  const w = world();
  w.head.batch = 5;
  w.head.projected = 4;
  w.deps.pool.getBatch = async () =>
    ({ prevHash: 'cc'.repeat(32) }) as Awaited<ReturnType<PoolHeadDeps['pool']['getBatch']>>;
  const h = await signedHead(w.deps, t0);
  expect({ batch: h.batch, hash: h.hash }).toEqual({ batch: 4, hash: 'cc'.repeat(32) });
});

test('when another reader kept its signature first, that one is answered', async () => {
  const w = world();
  const theirs: SignedHead = { batch: 1, hash: 'aa'.repeat(32), at: t0.toISOString(), signature: 'x', keyId: 'k' };
  const put = w.deps.signedHeads.put;
  w.deps.signedHeads.put = async (h, r) => {
    w.kept.set(1, theirs); // the other reader's write lands between our read and our write
    return put(h, r);
  };
  expect(await signedHead(w.deps, t0)).toEqual(theirs);
});
