// Composition root of the shipping report to WeChat (domain/orders/shipping-report.ts).
import { getWeChatShipping } from '../adapters/wechat';
import type { ShippingReportDeps } from '../domain/orders/shipping-report-ports';
import { shippingReportQueue } from '../repo/shipping-report';
import { committer } from '../repo/writes';
import { orderStore } from '../repo/orders';
import { core } from './core';

export function shippingReportDeps(): ShippingReportDeps {
  return {
    tx: committer,
    queue: shippingReportQueue,
    orders: orderStore,
    users: core.users,
    shipping: getWeChatShipping(),
  };
}
