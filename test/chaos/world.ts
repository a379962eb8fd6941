// What the randomized test knows: its users, products, the orders it was told about, and every
// request it made with its final answer (the model the end checks compare with the table).
import type { Req, Result, StaffAnswer } from './client';

export type Tender = 'wechat' | 'constant' | 'storeCredit' | 'equity';

export interface UserM {
  i: number;
  name: string;
  userId: string;
  token: string;
  /** legacy import: store credit and locked points the user started with */
  legacyBalance: string;
  legacyPoints: string;
}

export interface OrderM {
  orderId: string;
  userId: string;
  payWith: Tender;
  amount: string;
  pointsCost?: string;
  lines: Array<{ productId: string; qty: number }>;
  /** the last status the test saw (the table decides at the end) */
  status: string;
}

export interface ProductM {
  productId: string;
  price: string;
  poolContribution: string;
  dividendContribution: string;
  stock: number;
}

/** One HTTP request and how it ended; `bad`: the test meant it to be refused. */
export interface HttpRec {
  type: 'http';
  op: string;
  user: number;
  req: Req;
  bad: boolean;
  /** status codes a bad input may get; a 2xx for a bad input is a violation */
  expect?: number[];
  result: Result;
}

export interface StaffRec {
  type: 'staff';
  op: string;
  fn: string;
  input: Record<string, unknown>;
  bad: boolean;
  result: { final?: StaffAnswer; tries: number };
}

export type Rec = HttpRec | StaffRec;

export class World {
  users: UserM[] = [];
  products: ProductM[] = [];
  orders = new Map<string, OrderM>();
  withdrawals = new Map<string, { userId: string; amount: string; status: string }>();
  recs: Rec[] = [];
  afterSales: Array<{ requestId: string; orderId: string; user: number; status: string }> = [];
  /** WeChat transfers the staff's approvals asked for, by withdrawal id (accepted ones) */
  transfers = new Map<string, number>();
  /** Idempotency keys of accepted pool requests by user, for "same key, another body". */
  usedKeys: Array<{ user: number; req: Req }> = [];
  /** the next day the staff settles, and the last it may settle during the run */
  simDay = '';
  settleUntil = '';
  badInputs = 0;
  ops = 0;
  opsByName: Record<string, number> = {};
  constructor(readonly runId: string) {}

  ordersOf(user: number, status?: string[]): OrderM[] {
    const u = this.users[user]!.userId;
    return [...this.orders.values()].filter((o) => o.userId === u && (!status || status.includes(o.status)));
  }
  ordersIn(status: string[]): OrderM[] {
    return [...this.orders.values()].filter((o) => status.includes(o.status));
  }
}
