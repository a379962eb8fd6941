// What domain/orders/shipping-report.ts needs: the queue of uploads not done, the orders, the payer's
// openid and WeChat's upload_shipping_info. The edge passes them in (wiring/shipping-report.ts).
import type { WeChatShipping } from '../../adapters/wechat/types';
import type { OrderStore } from './ports';
import type { UserReader, Write, Committer } from '../ports';

export type ReportQueueState = 'pending' | 'failed';
export interface ReportEntry {
  orderId: string;
  /** pending: when to try again; failed: when it failed */
  at: string;
}

export interface ShippingReportQueue {
  put(state: ReportQueueState, e: ReportEntry): Write;
  remove(state: ReportQueueState, e: ReportEntry): Write;
  /** Entries in `state`, oldest first; `before`: only those before this time. */
  list(state: ReportQueueState, max: number, before?: string): Promise<ReportEntry[]>;
}

export interface ShippingReportDeps {
  /** commits the writes all or none */
  tx: Committer;
  queue: ShippingReportQueue;
  orders: Pick<OrderStore, 'get' | 'update'>;
  users: Pick<UserReader, 'get'>;
  shipping: WeChatShipping;
}
