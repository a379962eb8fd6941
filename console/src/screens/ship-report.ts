// What a shipping run did: how many shipped, and each refusal with its order.
import { Modal, message } from 'antd';
import type { ShipOutcome, Shipment } from '../api';

export function reportShipped(list: Shipment[], out: ShipOutcome[]): void {
  const failed = out.filter((o) => o.error);
  if (failed.length === 0) {
    void message.success(`已发货 ${list.length} 单`);
    return;
  }
  Modal.warning({
    title: `已发货 ${list.length - failed.length} 单，${failed.length} 单未发货`,
    content: failed.map((f) => `${f.orderId}：${f.error}`).join('\n'),
  });
}
