// The queue of shipping uploads not done, on DynamoDB: SHIPREPORT#<state> / <at>#<orderId>.
import type { ShippingReportQueue } from '../domain/orders/shipping-report-ports';
import { query } from './ddb';
import { keys, partitions } from './keys';
import { asWrite } from './writes';

export const shippingReportQueue: ShippingReportQueue = {
  put: (state, e) =>
    asWrite({ op: 'upsert', item: { ...keys.shippingReport(state, e.at, e.orderId), type: 'ship_report', ...e } }),
  remove: (state, e) => asWrite({ op: 'delete', key: keys.shippingReport(state, e.at, e.orderId) }),
  async list(state, max, before) {
    const pk = partitions.shippingReport(state);
    const r = await query({ pk, limit: max, ...(before ? { skLessThan: before } : {}) });
    return r.items.map((i) => ({ orderId: String(i.orderId), at: String(i.at) }));
  },
};
