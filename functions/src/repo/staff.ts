// Staff accounts (STAFF#<username> / ACCOUNT, listed on GSI1 STAFF) and requests awaiting a
// second signature (APPROVAL#<id> / META, listed by status on GSI1) on DynamoDB.
import type { StaffRole } from '../auth/roles';
import type { Approval, ApprovalStore, StaffAccount, StaffAccountStore } from '../domain/operator/staff-ports';
import { batchGet, batchWrite, getItem, query, queryAll, writeOne, type Item } from './ddb';
import { gsi, indexKeys, keys, partitions, skPrefixes } from './keys';
import { decodeCursor, encodeCursor } from './cursor';
import { asWrite } from './writes';

const rolesOf = (s: unknown): StaffRole[] =>
  String(s ?? '')
    .split(',')
    .filter(Boolean) as StaffRole[];

function toAccount(i: Item): StaffAccount {
  return {
    username: String(i.username),
    roles: rolesOf(i.roles),
    disabled: i.disabled === true,
    passwordHash: String(i.passwordHash),
    totpSecret: String(i.totpSecret ?? ''),
    failures: Number(i.failures ?? 0),
    ...(typeof i.lockedUntil === 'string' && i.lockedUntil ? { lockedUntil: i.lockedUntil } : {}),
    createdAt: String(i.createdAt),
    createdBy: String(i.createdBy),
    version: Number(i.version),
  };
}

/** Attribute values of a partial record: roles as a comma list, undefined left out. */
function scalarValues(v: object): Item {
  const out: Item = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined) continue;
    out[k] = Array.isArray(x) ? x.join(',') : (x as string | number | boolean);
  }
  return out;
}

export const staffAccountStore: StaffAccountStore = {
  async get(username) {
    const i = await getItem(keys.staffAccount(username));
    return i ? toAccount(i) : undefined;
  },
  create: (a) =>
    writeOne({
      op: 'create',
      item: {
        ...keys.staffAccount(a.username),
        ...indexKeys.staffAccount(a.username),
        type: 'staff_account',
        ...scalarValues(a),
        lockedUntil: a.lockedUntil ?? '',
      },
    }),
  update: (username, values, ifVersion) =>
    writeOne({
      op: 'set',
      key: keys.staffAccount(username),
      values: { ...scalarValues(values), version: ifVersion + 1 },
      ifEquals: { version: ifVersion },
    }),
  async list(limit, cursor) {
    const r = await query({
      pk: gsi.staffAccounts,
      index: 'GSI1',
      limit,
      cursor: decodeCursor(cursor, gsi.staffAccounts, 'GSI1PK'),
    });
    // GSI1 is eventually consistent: read each account itself.
    const items = await batchGet(r.items.map((i) => ({ PK: String(i.PK), SK: String(i.SK) })));
    const accounts = items.map(toAccount).sort((a, b) => a.username.localeCompare(b.username));
    return { items: accounts, cursor: encodeCursor(r.next) };
  },
};

// Characters per part: at most 3 bytes each in UTF-8, well inside an item's 400 KB.
const PART_CHARS = 100_000;
/** Pieces of at most PART_CHARS, never splitting a surrogate pair (a lone half is not UTF-8). */
function chunks(s: string): string[] {
  const out: string[] = [];
  for (let at = 0; at < s.length;) {
    let end = Math.min(at + PART_CHARS, s.length);
    const last = s.charCodeAt(end - 1);
    if (end < s.length && last >= 0xd800 && last <= 0xdbff) end--;
    out.push(s.slice(at, end));
    at = end;
  }
  return out;
}

function toApproval(i: Item): Approval {
  const opt = <K extends keyof Approval>(k: K) => (typeof i[k] === 'string' ? { [k]: i[k] } : {});
  return {
    approvalId: String(i.approvalId),
    fn: String(i.fn),
    input: String(i.input),
    inputDigest: String(i.inputDigest),
    requester: String(i.requester),
    requesterRoles: rolesOf(i.requesterRoles),
    status: String(i.status) as Approval['status'],
    createdAt: String(i.createdAt),
    expiresOn: String(i.expiresOn),
    ...opt('approver'),
    ...opt('decidedAt'),
    ...opt('note'),
    ...opt('outcome'),
  };
}

export const approvalStore: ApprovalStore = {
  async get(approvalId) {
    const i = await getItem(keys.approval(approvalId));
    if (!i) return undefined;
    const a = toApproval(i);
    if (!i.inputParts) return a;
    const parts = await queryAll({ pk: partitions.approval(approvalId), skPrefix: skPrefixes.approvalPart });
    return { ...a, input: parts.map((p) => String(p.text)).join('') };
  },
  async create(a) {
    // An item holds at most 400 KB: a larger input (a legacy file) goes first, in parts that
    // nothing reads until the request item names them.
    const parts = a.input.length > PART_CHARS ? chunks(a.input) : [];
    if (parts.length)
      await batchWrite(
        parts.map((text, n) => ({ ...keys.approvalPart(a.approvalId, n), type: 'approval_part', text })),
      );
    return asWrite({
      op: 'create',
      item: {
        ...keys.approval(a.approvalId),
        ...indexKeys.approval(a.status, a.createdAt, a.approvalId),
        type: 'approval',
        ...scalarValues(parts.length ? { ...a, input: '', inputParts: parts.length } : a),
      },
    });
  },
  move: (approvalId, from, to, values) =>
    asWrite({
      op: 'set',
      key: keys.approval(approvalId),
      values: {
        ...scalarValues(values),
        status: to,
        ...indexKeys.approvalStatus(to),
      },
      ifEquals: { status: from },
    }),
  async list(status, limit, cursor) {
    const pk = gsi.approvals(status);
    const r = await query({ pk, index: 'GSI1', limit, newestFirst: true, cursor: decodeCursor(cursor, pk, 'GSI1PK') });
    const items = await batchGet(r.items.map((i) => ({ PK: String(i.PK), SK: String(i.SK) })));
    const out = items
      .map(toApproval)
      .filter((a) => a.status === status) // the index lags a move
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return { items: out, cursor: encodeCursor(r.next) };
  },
};
