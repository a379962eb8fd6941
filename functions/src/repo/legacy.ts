// The legacy import on DynamoDB (domain/programme/ports.ts LegacyStore): identity markers, phone and
// openid items, the member created before their first login, the import and its steps, the
// locked holders and the daily release runs. Keys: repo/keys.ts; docs/data-model.md "Programme".
import type { LegacyMarker, LegacyStore, ReleaseState } from '../domain/programme/ports';
import { batchGet, getItem, putItem, query, type Item, type Scalar } from './ddb';
import { keys, legacyIdentityOf, partitions } from './keys';
import { userItem } from './repository';
import { asWrite } from './writes';

function toMarker(i: Item): LegacyMarker {
  return {
    identity: legacyIdentityOf(String(i.PK)),
    userId: String(i.userId),
    importId: String(i.importId),
    line: Number(i.line),
  };
}

function toRelease(i: Item): ReleaseState {
  return {
    date: String(i.date),
    status: i.status === 'done' ? 'done' : 'running',
    cursor: String(i.cursor ?? ''),
    users: Number(i.users),
    released: String(i.released),
    finished: Number(i.finished),
    version: Number(i.version),
    ...(typeof i.report === 'string' ? { report: i.report } : {}),
  };
}

function releaseItem(s: ReleaseState): Item {
  return {
    ...keys.release(s.date),
    type: 'release',
    date: s.date,
    status: s.status,
    cursor: s.cursor,
    users: s.users,
    released: s.released,
    finished: s.finished,
    version: s.version,
    ...(s.report !== undefined ? { report: s.report } : {}),
  };
}

export const legacyStore: LegacyStore = {
  async marker(identity) {
    const i = await getItem(keys.legacy(identity));
    return i ? toMarker(i) : undefined;
  },
  async markers(identities) {
    const items = await batchGet(identities.map(keys.legacy));
    return new Map(items.map((i) => [toMarker(i).identity, toMarker(i)]));
  },
  async userIdByPhone(phone) {
    const i = await getItem(keys.phone(phone));
    return i ? String(i.userId) : undefined;
  },
  newOpenId: (openId, userId) => asWrite({ op: 'create', item: { ...keys.openId(openId), type: 'openid', userId } }),
  newMember: (m) =>
    asWrite({
      op: 'create',
      item: {
        ...userItem({ userId: m.userId, openId: m.openId, role: 'user', nickname: m.nickname, createdAt: m.createdAt }),
        origin: 'legacy',
        loggedIn: false,
        ...(m.phone ? { phone: m.phone } : {}),
      },
    }),
  newPhone: (phone, userId) => asWrite({ op: 'create', item: { ...keys.phone(phone), type: 'phone', userId } }),
  newMarker: (m, at) =>
    asWrite({
      op: 'create',
      item: {
        ...keys.legacy(m.identity),
        type: 'legacy',
        importId: m.importId,
        line: m.line,
        userId: m.userId,
        at,
      },
    }),
  async importMeta(importId) {
    const i = await getItem(keys.importMeta(importId));
    if (!i) return undefined;
    return {
      hash: String(i.hash),
      status: String(i.status),
      ...(typeof i.report === 'string' ? { report: i.report } : {}),
    };
  },
  startImport: (importId, hash, rows, by, at) =>
    asWrite({
      op: 'create',
      item: {
        ...keys.importMeta(importId),
        type: 'import',
        importId,
        hash,
        status: 'applying',
        rows,
        by,
        startedAt: at,
      },
    }),
  finishImport: (importId, hash, report, at) =>
    asWrite({
      op: 'set',
      key: keys.importMeta(importId),
      values: { status: 'done', report, finishedAt: at },
      ifEquals: { hash },
    }),
  importStep: (importId, line, step, userId, amount) =>
    asWrite({
      op: 'create',
      item: { ...keys.importStep(importId, line, step), type: 'import_step', userId, amount },
    }),
  async markLocked(userId, since) {
    await putItem({ ...keys.locked(userId), type: 'locked', userId, since });
  },
  async lockedHolders(limit, cursor) {
    const page = await query({
      pk: partitions.locked,
      limit,
      cursor: cursor ? (JSON.parse(cursor) as Record<string, Scalar>) : undefined,
    });
    return {
      userIds: page.items.map((i) => String(i.userId)),
      ...(page.next ? { next: JSON.stringify(page.next) } : {}),
    };
  },
  unlock: (userId) => asWrite({ op: 'delete', key: keys.locked(userId) }),
  async release(date) {
    const i = await getItem(keys.release(date));
    return i ? toRelease(i) : undefined;
  },
  startRelease: (first) => asWrite({ op: 'create', item: releaseItem(first) }),
  saveRelease: (next, priorVersion) =>
    asWrite({ op: 'putIf', item: releaseItem(next), ifEquals: { version: priorVersion } }),
};
