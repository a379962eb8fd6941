// The operator area's ports: the lists by status and the audit log.
import type { Order } from '../model';
import type { Write, Paged } from '../ports';
import type { Withdrawal } from '../wallet/ports';

/** An after-sale request as the operator's list shows it ('' for what it does not have). */
export interface AfterSaleListing {
  requestId: string;
  orderId: string;
  userId: string;
  status: string;
  kind: string;
  items: Array<{ productId: string; qty: number }>;
  amount: string;
  reason: string;
  note: string;
  carrier: string;
  trackingNo: string;
  createdAt: string;
  updatedAt: string;
}

/** The operator's lists by status, newest first (from indexes: eventually consistent). */
export interface OperatorQueries {
  /** Orders listed under `status` (the order as stored now: it may have moved on). */
  ordersByStatus(status: string, limit: number, cursor?: string): Promise<Paged<Order>>;
  afterSales(status: string, limit: number, cursor?: string): Promise<Paged<AfterSaleListing>>;
  withdrawals(status: string, limit: number, cursor?: string): Promise<Paged<Withdrawal>>;
  /** A user's latest orders, newest first. */
  latestOrders(userId: string, limit: number): Promise<Order[]>;
}

/** One staff call as the audit log keeps it (input and result: JSON text, maybe truncated). */
export interface AuditRecord {
  at: string;
  actor?: string;
  fn?: string;
  ok?: boolean;
  input?: string;
  result?: string;
  error?: string;
}

export interface AuditStore {
  /** A new audit entry (its own key: never overwrites another). */
  record(r: AuditRecord & { actor: string; fn: string; ok: boolean; input: string }): Write;
  /** Entries at or before `through` (a time prefix: every entry whose time starts with it counts), newest first. */
  page(limit: number, through?: string, cursor?: string): Promise<Paged<AuditRecord>>;
}

/** The operator area's stores. */
export interface OperatorStores {
  queries: OperatorQueries;
  audit: AuditStore;
}
