// The edge's composition of domain/shipping-report.ts (from the installed stores for now).
import { getWeChatShipping } from '../adapters/wechat';
import { stores } from '../domain/stores';
import type { ShippingReportDeps } from '../domain/shipping-report-ports';
import { shippingReportQueue } from '../repo/shipping-report';

export function shippingReportDeps(): ShippingReportDeps {
  return { queue: shippingReportQueue, orders: stores().orders, users: stores().users, shipping: getWeChatShipping() };
}
