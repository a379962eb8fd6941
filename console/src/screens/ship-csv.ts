// A warehouse's CSV of parcels: orderId,carrier,trackingNo per line, a header line optional.
import type { Shipment } from '../api';
import { parseCsv } from '../ui/csv';

const TRACKING = /^[A-Za-z0-9-]{4,40}$/;

export function parseShipments(text: string): { list: Shipment[]; errors: string[] } {
  const rows = parseCsv(text);
  if (rows[0] && /orderid/i.test(rows[0][0] ?? '')) rows.shift();
  const list: Shipment[] = [];
  const errors: string[] = [];
  rows.forEach((r, i) => {
    const [orderId = '', carrier = '', trackingNo = ''] = r.map((c) => c.trim());
    if (!orderId || !carrier || !TRACKING.test(trackingNo)) errors.push(`第 ${i + 1} 行：需要 订单号,快递公司,运单号`);
    else list.push({ orderId, carrier, trackingNo });
  });
  return { list, errors };
}
