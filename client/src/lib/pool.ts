import Decimal from 'decimal.js'
import { defaultParams, type Params, type PoolState } from '@greenpoints/shared'
import type { Pool } from '../api/types'

// The engine's previews need its PoolState; the API sends the public part of it.
export function toPoolState(p: Pool): PoolState {
  return {
    fund: p.fund,
    circulating: p.circulating,
    treasury: p.treasury,
    issued: p.issued,
    burned: p.burned,
    seq: Number(p.seq) || 0,
    lastPrice: p.price,
    contributions: '0',
    grantFunding: '0',
    payouts: '0',
  }
}

/** Rules parameters for previews: the defaults, with the live fee when the server sends it. */
export function previewParams(p?: Pool): Params {
  if (p?.sellFeeRate) return { ...defaultParams, sellFeeRate: p.sellFeeRate }
  return defaultParams
}

/**
 * Points an order of this product would grant at today's price (MODEL.md event 1:
 * floor6(C × rewardRatio / price)). An estimate: the price at completion decides.
 */
export function estimatePoints(poolContribution: string, price: string, params: Params = defaultParams): string {
  const c = new Decimal(poolContribution)
  const p = new Decimal(price)
  if (c.lte(0) || p.lte(0)) return '0'
  return c.mul(params.rewardRatio).div(p).toDecimalPlaces(6, Decimal.ROUND_DOWN).toFixed()
}
