// Public reads of the pool: its state and the price history (from the pool event records).
import { price, priceDisplay, type Params, type PoolView } from '@greenpoints/shared';
import { publicBatch } from './poolhash';
import type { Deps } from '../deps';

export async function poolView(d: Pick<Deps, 'config' | 'poolState'>): Promise<PoolView> {
  const { params } = await d.config.params();
  const p = await d.poolState.state(params, false);
  return {
    price: price(p),
    priceDisplay: priceDisplay(p),
    fund: p.fund,
    circulating: p.circulating,
    treasury: p.treasury,
    issued: p.issued,
    burned: p.burned,
    supplyCap: params.supplyCap,
    seq: p.seq,
    // The live rules the client's previews need (sell fee, points per order), so they never
    // fall back to the engine's defaults after staff change them.
    sellFeeRate: params.sellFeeRate,
    rewardRatio: params.rewardRatio,
    issuePrice: params.issuePrice,
  };
}

/** The newest applied pool events (price history), from the last batches of the log. */
export async function poolHistory(d: Pick<Deps, 'config' | 'pool'>, limit: number) {
  const { params } = await d.config.params();
  const poolLogStore = d.pool;
  const head = await poolLogStore.head(params);
  const out: Array<{ seq: number; at: string; kind: string; price: string }> = [];
  // Newest batches first, a few at a time, until `limit` applied events (bounded: 20 batches).
  for (let to = head.batch; to >= 1 && out.length < limit && head.batch - to < 20; to -= 4) {
    const from = Math.max(1, to - 3);
    const batches = await poolLogStore.getBatches(from, to - from + 1);
    for (const b of batches.reverse()) {
      let seq = b.poolAfter.seq + 1;
      for (const e of [...b.entries].reverse()) {
        if (!e.outcome) continue;
        seq--;
        if (out.length < limit) out.push({ seq, at: b.at, kind: e.event.kind, price: e.outcome.priceAfter });
      }
    }
  }
  return out;
}

/**
 * One page of the public log: batches from..from+limit−1 (user ids as salted pseudonyms), the
 * parameters each was applied with, and the head it must chain up to (`npm run verify-pool`).
 */
export async function poolLogPage(d: Pick<Deps, 'config' | 'pool'>, from: number, limit: number) {
  const { params } = await d.config.params();
  const poolLogStore = d.pool;
  const head = await poolLogStore.head(params);
  const upTo = Math.min(head.projected, from + limit - 1); // only fully projected batches
  const batches = (await poolLogStore.getBatches(from, Math.max(0, upTo - from + 1))).map((b) => publicBatch(b));
  const versions: Record<string, Params> = {};
  for (const v of new Set(batches.map((b) => b.paramsVersion))) versions[String(v)] = await d.config.paramsAt(v);
  // The head as of the last fully projected batch (the one being projected is not published yet).
  const last = head.projected < head.batch ? await poolLogStore.getBatch(head.batch) : undefined;
  const accounts = last ? last.accountsBefore : head.accounts; // the log's accounts (domain/wallet/notes.ts)
  return {
    head: {
      batch: head.projected,
      hash: last ? last.prevHash : head.hash,
      pool: last ? last.poolBefore : head.pool,
      ...(accounts ? { accounts } : {}),
    },
    batches,
    params: versions,
    next: upTo < head.projected ? upTo + 1 : null,
  };
}
