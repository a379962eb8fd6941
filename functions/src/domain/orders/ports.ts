// The orders area's ports: orders and their queues, products' stock, after-sale requests.
import type { Order, OrderStatus, Product } from '../model';
import type { Write } from '../ports';
import type { UnpaidIndex } from './unpaid-ports';

/** A page's position in a listing (opaque to the domain). */
export type PageCursor = Record<string, string | number | boolean>;

/** The fields of an order a write may set (everything but its identity and creation). */
export type OrderFields = Partial<Omit<Order, 'orderId' | 'userId' | 'createdAt'>>;

/** What must hold of the stored order for a write to apply. */
export interface OrderGuard {
  status?: OrderStatus;
  openRequestId?: string;
  latePayment?: string;
  /** fields that must not be set yet (a one-time claim) */
  absent?: Array<keyof Order>;
}

/** A system entry of the audit log (beside the staff wrapper's own). */
export interface OrderStore {
  get(orderId: string): Promise<Order | undefined>;
  /** The user's orders, newest first. */
  listByUser(userId: string, limit: number, cursor?: PageCursor): Promise<{ orders: Order[]; next?: PageCursor }>;
  /** A new order (written once). */
  create(o: Order): Write;
  /** Sets `fields` while `when` holds; `clear`: fields removed. */
  update(orderId: string, fields: OrderFields, when: OrderGuard, clear?: Array<keyof Order>): Write;
  /** The auto-confirm queue, read by shipping time: a new entry (once), one put back, one taken out. */
  shippedAdd(shippedAt: string, orderId: string): Write;
  shippedPut(shippedAt: string, orderId: string): Write;
  shippedRemove(shippedAt: string, orderId: string): Write;
  /** Orders shipped before `cutoff`, oldest first (bounded). */
  shippedBefore(cutoff: string, limit: number): Promise<string[]>;
  /** The completion queue, read by the end of each order's window. */
  duePut(completesAt: string, orderId: string): Write;
  dueRemove(completesAt: string, orderId: string): Write;
  /** Orders whose window ends before `now`, oldest first (bounded). */
  dueBefore(now: string, limit: number): Promise<string[]>;
}

export interface ProductStore {
  getMany(ids: string[]): Promise<Map<string, Product>>;
  /** Takes `qty` from the product's stock; the guard fails while less than `qty` is left. */
  takeStock(productId: string, qty: number): Write;
  /** Gives `qty` back to the product's stock (the product must exist). */
  giveBackStock(productId: string, qty: number): Write;
}

export type AfterSaleKind = 'return' | 'refund_only';

export type AfterSaleStatus = 'requested' | 'refused' | 'approved' | 'returning' | 'refunding' | 'refunded';

export interface AfterSaleRequest {
  requestId: string;
  orderId: string;
  userId: string;
  kind: AfterSaleKind;
  items: Array<{ productId: string; qty: number }>;
  reason: string;
  /** yuan: Σ price × qty of the items */
  amount: string;
  status: AfterSaleStatus;
  history: Array<{ at: string; status: AfterSaleStatus; by: string; note?: string }>;
  createdAt: string;
  note?: string;
  carrier?: string;
  trackingNo?: string;
  refundId?: string;
  refundDetail?: string;
  refundedAt?: string;
  /** a redemption: the held points given back */
  points?: string;
}

/** The optional fields of a request a write may set. */
export type AfterSaleFields = Partial<
  Pick<AfterSaleRequest, 'note' | 'carrier' | 'trackingNo' | 'refundId' | 'refundDetail' | 'refundedAt' | 'points'>
>;

export interface AfterSaleStore {
  get(requestId: string): Promise<AfterSaleRequest | undefined>;
  /** A new request (written once). */
  create(r: AfterSaleRequest): Write;
  /** `from` -> `to` with its history (and its time), guarded by the status. */
  move(
    requestId: string,
    from: AfterSaleStatus,
    to: AfterSaleStatus,
    change: AfterSaleFields & { history: AfterSaleRequest['history']; updatedAt: string },
  ): Write;
  /** Sets fields while the request is `status`. */
  update(requestId: string, fields: AfterSaleFields, status: AfterSaleStatus): Write;
}

/** The orders area's stores. */
export interface OrderStores {
  orders: OrderStore;
  /** unpaid WeChat orders by expiry (cancel-unpaid) */
  unpaid: UnpaidIndex;
  products: ProductStore;
  afterSales: AfterSaleStore;
}
