// Every call the console makes, in one place: POST /staff/login, POST /staff/{fn} (one typed
// wrapper per staff function, docs/staff.md) and the public pool reads (docs/api.md).
// Amounts stay decimal strings end to end; the screens format them with @greenpoints/shared.
import { apiBase } from './config';
import { getSession, setSession, type Session } from './session';
import type { Role } from './roles';
import type {
  AfterSaleRow,
  ApprovalRequest,
  AuditEntry,
  ConfigResult,
  ConfigView,
  DailyReport,
  FoundUser,
  LegacyDryRun,
  Liabilities,
  OrderDetail,
  OrderRow,
  Pool,
  PricePoint,
  Product,
  ReconcileResult,
  Shipment,
  StaffAccount,
  UploadTicket,
  UserLedgerRow,
  UserMatch,
  UserReferrals,
  WithdrawalRow,
} from './api-types';

export class StaffError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The first call of a money move or a rule change: it waits for a second signature. */
export interface Pending {
  status: 'awaiting_approval';
  approvalId: string;
}
export const isPending = (r: unknown): r is Pending =>
  typeof r === 'object' && r !== null && (r as { status?: unknown }).status === 'awaiting_approval';

type Answer<T> = { ok: true; result: T } | { ok: false; error: { code: string; message: string } };

async function post<T>(path: string, body: unknown, token?: string): Promise<{ status: number; body: T }> {
  let r: Response;
  try {
    r = await fetch(`${apiBase()}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  } catch {
    throw new StaffError('network', '无法连接服务器，请检查网络或 API 地址', 0);
  }
  const text = await r.text();
  try {
    return { status: r.status, body: JSON.parse(text) as T };
  } catch {
    throw new StaffError(r.status === 404 ? 'not_available' : 'bad_answer', `服务器返回 ${r.status}`, r.status);
  }
}

export async function login(username: string, password: string, totp?: string): Promise<Session> {
  const input = { username, password, ...(totp ? { totp } : {}) };
  const r = await post<{
    token?: string;
    roles?: Role[];
    expiresAt?: string;
    error?: { code: string; message: string };
  }>('/staff/login', input);
  const b = r.body;
  if (r.status !== 200 || !b.token) {
    const e = b.error ?? { code: 'login_failed', message: '登录失败' };
    throw new StaffError(e.code, e.message, r.status);
  }
  const s: Session = { username, token: b.token, roles: b.roles ?? [], expiresAt: b.expiresAt ?? '' };
  setSession(s);
  return s;
}

export function logout(): void {
  setSession(undefined);
}

/** One staff function: its JSON event in, its result out (or a StaffError with the code). */
export async function call<T>(fn: string, input: object = {}): Promise<T> {
  const s = getSession();
  if (!s) throw new StaffError('unauthorized', '请先登录', 401);
  const r = await post<Answer<T>>(`/staff/${fn}`, input, s.token);
  if (r.status === 401) setSession(undefined); // expired or revoked: back to sign-in
  if (r.body && r.body.ok === true) return r.body.result;
  const e = r.body && r.body.ok === false ? r.body.error : { code: 'bad_answer', message: `服务器返回 ${r.status}` };
  throw new StaffError(e.code, e.message, r.status);
}

async function get<T>(path: string): Promise<T> {
  const r = await fetch(`${apiBase()}${path}`).catch(() => {
    throw new StaffError('network', '无法连接服务器，请检查网络或 API 地址', 0);
  });
  if (!r.ok) throw new StaffError('bad_answer', `${path}: ${r.status}`, r.status);
  return (await r.json()) as T;
}

export type Row = Record<string, string | number | boolean | undefined>;
export interface Page<R> {
  rows: R[];
  cursor?: string;
}
export interface Paging {
  limit?: number;
  cursor?: string;
}

/** Lists whose answer shape is not fixed by the contract: {rows}, {items}, {<key>} or an array. */
export function rowsOf<R>(r: unknown, key: string): R[] {
  if (Array.isArray(r)) return r as R[];
  const o = (r ?? {}) as Record<string, unknown>;
  const list = o[key] ?? o.rows ?? o.items;
  return Array.isArray(list) ? (list as R[]) : [];
}

export type * from './api-types';

// --- the operator's queries (paged, `{rows, cursor}`)
/** Filtered on the server: a status or a user, dates (YYYY-MM-DD, China time), a product id. */
export interface OrderFilter {
  status?: string;
  userId?: string;
  productId?: string;
  from?: string;
  to?: string;
}
export const listOrders = (q: OrderFilter & Paging) => call<Page<OrderRow>>('list-orders', q);
export const getOrder = (orderId: string) => call<OrderDetail>('get-order', { orderId });
export const listAfterSale = (q: { status: string } & Paging) => call<Page<AfterSaleRow>>('list-after-sale', q);
export const listWithdrawals = (q: { status: string } & Paging) => call<Page<WithdrawalRow>>('list-withdrawals', q);
export const findUser = (by: { userId: string } | { openId: string } | { phone: string }) =>
  call<FoundUser>('find-user', by);
export const dailyReport = (date: string) => call<DailyReport>('daily-report', { date });
export const findByNickname = (nickname: string) => call<Page<UserMatch>>('find-user', { nickname });
export const userLedger = (userId: string, p: Paging = {}) =>
  call<Page<UserLedgerRow>>('user-ledger', { userId, ...p });
export const userReferrals = (userId: string) => call<UserReferrals>('user-referrals', { userId });
export const liabilities = () => call<Liabilities>('liabilities', {});

// --- shipping and after-sale
export type ShipOutcome = { orderId: string; status?: string; error?: string };
export const shipOne = (s: Shipment) => call<ShipOutcome>('ship-order', s);
export const shipMany = (orders: Shipment[]) => call<ShipOutcome[]>('ship-order', { orders });
export const reviewAfterSale = (requestId: string, approve: boolean, note: string) =>
  call<{ requestId: string; status: string }>('review-after-sale', { requestId, approve, note });
export const receiveReturn = (requestId: string) =>
  call<{ requestId: string; status: string }>('receive-return', { requestId });
export const refundOrder = (orderId: string) =>
  call<Pending | { orderId: string; status: string }>('refund-order', { orderId });

// --- money (a first call may answer Pending: a second member approves it)
export type WithdrawalDecision = { withdrawalId: string; status: string; detail?: string };
export const approveWithdrawal = (withdrawalId: string, approve: boolean) =>
  call<Pending | WithdrawalDecision>('approve-withdrawal', { withdrawalId, approve });
export type PoolEventResult = { eventId: string; status: string; error?: { code: string; message: string } };
export const grant = (g: { userId: string; points: string; locked?: boolean; reason: string; requestId: string }) =>
  call<Pending | PoolEventResult>('grant', g);
export const buyback = (b: { userId: string; points: string; requestId: string }) =>
  call<Pending | PoolEventResult>('buyback', b);

// --- catalogue
export const upsertProduct = (p: Product) => call<Product>('upsert-product', p);
/** Every product, inactive ones included (staff only; the shop's GET /products lists active ones). */
export const listProducts = async () => (await call<Page<Product>>('list-products', {})).rows;
export const uploadUrl = (productId: string, contentType: string) =>
  call<UploadTicket>('upload-url', { productId, contentType });

// --- the programme
export const setConfig = (change: Record<string, unknown>) => call<Pending | ConfigResult>('set-config', { change });
export const settlementReport = (date: string) => call<Record<string, unknown>>('settlement-report', { date });
export const importLegacy = (i: { importId: string; format: 'csv' | 'json'; data: string }) =>
  call<Pending | Record<string, unknown>>('import-legacy-members', i);
/** The server's dry run: what the file would import; nothing written, no second signature. */
export const importLegacyDryRun = (i: { importId: string; format: 'csv' | 'json'; data: string }) =>
  call<LegacyDryRun>('import-legacy-members', { ...i, dryRun: true });
export const getConfig = (p: Paging = {}) => call<ConfigView>('get-config', p);
export const listAgents = async () =>
  rowsOf<{ region: string; userId: string }>(await call('assign-agent', { list: true }), 'agents');
export const assignAgent = (a: { region: string; userId?: string; remove?: boolean }) =>
  call<Pending | Record<string, unknown>>('assign-agent', a);
export const reconcile = () => call<ReconcileResult>('reconcile', {});

// --- second signatures, audit, staff accounts
/** Requests in a state (the server's default: pending). */
export const listRequests = async (status?: string) =>
  rowsOf<ApprovalRequest>(await call('list-requests', { limit: 500, ...(status ? { status } : {}) }), 'rows');
export const approveRequest = (approvalId: string) => call<unknown>('approve-request', { approvalId });
export const rejectRequest = (approvalId: string, note?: string) =>
  call<unknown>('reject-request', { approvalId, ...(note ? { note } : {}) });
export type AuditQuery = { from?: string; to?: string; fn?: string; actor?: string; limit?: number };
export const auditLog = async (q: AuditQuery) => rowsOf<AuditEntry>(await call('audit-log', q), 'entries');
export const listStaff = async () => rowsOf<StaffAccount>(await call('list-staff', {}), 'staff');
export const addStaff = (a: { username: string; password: string; roles: string[] }) => call<unknown>('add-staff', a);
export const updateStaff = (u: { username: string; roles?: string[]; disabled?: boolean }) =>
  call<unknown>('update-staff', u);

// --- public reads (no token)
export const getPool = () => get<Pool>('/pool');
export const getPoolHistory = (limit = 100) => get<PricePoint[]>(`/pool/history?limit=${limit}`);
export const getProducts = () => get<Product[]>('/products');

/** A picture's address: relative ones (/pictures/… on the local stage) are the API's. */
export const assetUrl = (u: string) => (u.startsWith('/') ? `${apiBase()}${u}` : u);
