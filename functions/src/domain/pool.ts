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
  };
}

export async function poolHistory(limit: number) {
  const r = await query({ pk: 'POOL', skPrefix: 'EVENT#', newestFirst: true, limit, consistent: false });
  return r.items.map((i) => ({ seq: i.seq, at: i.at, kind: i.kind, price: i.priceAfter }));
}
