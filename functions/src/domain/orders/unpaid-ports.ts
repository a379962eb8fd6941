// What domain/orders/unpaid.ts needs: the index of unpaid WeChat orders by expiry, the orders and the
// stock it writes, and WeChat's close-order. The edge passes them in (wiring/unpaid.ts).
import type { WeChatPay } from '../../adapters/wechat/types';
import type { OrderStore, ProductStore } from './ports';
import type { Write, Committer } from '../ports';

export interface UnpaidEntry {
  orderId: string;
  payExpiresAt: string;
}

export interface UnpaidIndex {
  /** The order's entry, written with the order. */
  add(e: UnpaidEntry): Write;
  /** Taken out once the order is paid, cancelled or refunded. */
  remove(e: UnpaidEntry): Write;
  /** Entries whose payExpiresAt is before `now`, oldest first, at most `max` (all shards). */
  due(now: string, max: number): Promise<UnpaidEntry[]>;
}

export interface UnpaidDeps {
  /** commits the writes all or none */
  tx: Committer;
  unpaid: UnpaidIndex;
  orders: Pick<OrderStore, 'get' | 'update'>;
  products: Pick<ProductStore, 'giveBackStock'>;
  pay: Pick<WeChatPay, 'closeOrder'>;
}
