// Public reads of the pool: its state and the price history (from the pool event records).
import { price, priceDisplay } from '@greenpoints/shared';
import { getParams, getPool } from '../repo/repository';
import { query } from '../repo/ddb';

export async function poolView() {
  const { params } = await getParams();
  const p = await getPool(params, false);
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

export async function poolHistory(limit: number) {
  const r = await query({ pk: 'POOL', skPrefix: 'EVENT#', newestFirst: true, limit, consistent: false });
  return r.items.map((i) => ({ seq: i.seq, at: i.at, kind: i.kind, price: i.priceAfter }));
}
