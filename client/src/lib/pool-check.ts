// Checking the pool from the app (docs/client.md "分红池"): the signed head against the published
// keys, and one of the shopper's own ledger lines against the public log — the batch that holds
// it is downloaded, its hash recomputed, its parameters' hash checked, and every event of it
// replayed with the engine (the same code as `npm run verify-pool`, shared/src/poollog.ts).
import {
  defaultParams,
  type PoolHeadAnswer,
  type PoolKeysAnswer,
  type PoolLogPage,
  type PoolProofAnswer,
} from '@greenpoints/shared';
import { hashPublic, paramsHash, verifyBatches, verifyHeadSignature } from '@greenpoints/shared/src/poollog';
import { fmtPrice } from './format';

export type HeadCheck = { state: 'verified'; keyId: string } | { state: 'unknown_key' } | { state: 'bad_signature' };

/** The head's signature against the key it names in the published list. */
export function checkHead(head: PoolHeadAnswer, keys: PoolKeysAnswer): HeadCheck {
  const key = keys.keys.find((k) => k.keyId === head.keyId);
  if (!key) return { state: 'unknown_key' };
  return verifyHeadSignature(head, head.signature, key.publicKey)
    ? { state: 'verified', keyId: key.keyId }
    : { state: 'bad_signature' };
}

export interface LineCheck {
  ok: boolean;
  batch: number;
  /** the batch's hash as recomputed here */
  hash: string;
  /** the price after the event, as the engine gives it on replay (4 dp) */
  price?: string;
  problems: string[];
}

/** One event of the caller against the batch that holds it. */
export function checkLine(proof: PoolProofAnswer, page: PoolLogPage): LineCheck {
  const b = page.batches.find((x) => x.batch === proof.batch);
  if (!b) return { ok: false, batch: proof.batch, hash: '', problems: [`公开账本中没有第 ${proof.batch} 批`] };
  const problems: string[] = [];
  const hash = hashPublic(b);
  if (hash !== b.hash) problems.push('本批哈希与内容不符');
  const params = page.params[String(b.paramsVersion)] ?? defaultParams;
  if (paramsHash(params) !== b.paramsHash) problems.push('本批所用规则参数与公布的不符');
  const entry = b.entries.find((e) => e.eventId === proof.eventId);
  if (!entry) problems.push('本批中没有这笔记录');
  else if (entry.user !== proof.user) problems.push('这笔记录不属于你的代号');
  const replay = verifyBatches([b], () => params);
  if (replay.problems.length) problems.push('按规则重算的结果与记录不符');
  const price = entry?.outcome?.priceAfter;
  return { ok: problems.length === 0, batch: b.batch, hash, ...(price ? { price: fmtPrice(price) } : {}), problems };
}
