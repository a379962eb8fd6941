// Legacy members (老会员迁移): a file of old members (CSV with a header, or a JSON array) becomes
// store credit (消费币, their old balance) and a funded, locked grant of points released day by
// day. The whole file is validated first; a file with any bad row changes nothing. A good file is
// applied row by row, each step idempotent (import id + line), so a crash mid-import resumes.
import { createHash } from 'crypto';
import { dec, ZERO, isRuleError, parseMoney, parsePoints, type Dec, type LedgerEvent } from '@greenpoints/shared';
import { userIdFor } from '../shop/auth';
import { applyNotedEvent } from '../wallet/noted';
import { addSubmission, awaitEvent, drain } from '../wallet/applier';
import { eventIdFor } from '../idempotency';
import { Tx } from '../tx';
import { busy, conflict } from '../errors';
import { dateUpTo, grantedBy } from './schedule-bounds';
import { WritesRejected, type Write } from '../ports';
import type { ReleaseState } from './ports';
import type { Deps } from '../deps';

export const MAX_ROWS = 5000;
const OPENID_RE = /^[A-Za-z0-9_:@.-]{6,64}$/;
const PHONE_RE = /^1[3-9][0-9]{9}$/;
const COLUMNS = ['openid', 'phone', 'balance', 'points', 'nickname'] as const;

export interface LegacyRow {
  line: number; // CSV: the physical line (the header is line 1); JSON: the element's position, from 1
  openid?: string;
  phone?: string;
  balance: string; // money, "0.00" when none
  points: string; // points, "0" when none
  nickname: string;
}
export interface RowError {
  line: number;
  message: string;
}

/** Identity of a row: the openid when given (a later WeChat login finds it), else the phone. */
export const identityOf = (r: Pick<LegacyRow, 'openid' | 'phone'>) =>
  r.openid ? `openid:${r.openid}` : `phone:${r.phone}`;
/** Every identity a row claims: a member named by openid and phone cannot come back by phone alone. */
export const identitiesOf = (r: Pick<LegacyRow, 'openid' | 'phone'>) =>
  [r.openid ? `openid:${r.openid}` : '', r.phone ? `phone:${r.phone}` : ''].filter(Boolean);

/** Splits one CSV line (RFC 4180 quoting, no line breaks inside quotes). */
export function splitCsvLine(line: string): string[] | undefined {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"' && cur === '') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (quoted) return undefined;
  out.push(cur);
  return out.map((s) => s.trim());
}

type Raw = Partial<Record<(typeof COLUMNS)[number], unknown>>;

function checkRow(line: number, raw: Raw, errors: RowError[]): LegacyRow | undefined {
  const problems: string[] = [];
  const str = (k: keyof Raw): string | undefined => {
    const v = raw[k];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string') {
      problems.push(
        `${k} must be a string${typeof v === 'number' ? ' (write amounts as "12.50", not as a number)' : ''}`,
      );
      return undefined;
    }
    return v.trim() || undefined;
  };
  const openid = str('openid');
  const phone = str('phone');
  const balanceIn = str('balance');
  const pointsIn = str('points');
  const nickname = str('nickname') ?? '';
  if (!openid && !phone) problems.push('openid or phone is required');
  if (openid && !OPENID_RE.test(openid)) problems.push('openid: 6–64 of [A-Za-z0-9_:@.-]');
  if (phone && !PHONE_RE.test(phone)) problems.push('phone: 11 digits starting with 1');
  if ([...nickname].length > 20) problems.push('nickname: at most 20 characters');
  let balance = '0.00';
  let points = '0';
  try {
    if (balanceIn !== undefined) balance = parseMoney(balanceIn, 'balance');
  } catch (e) {
    problems.push(isRuleError(e) ? e.message : 'balance is invalid');
  }
  try {
    if (pointsIn !== undefined) points = parsePoints(pointsIn, 'points');
  } catch (e) {
    problems.push(isRuleError(e) ? e.message : 'points is invalid');
  }
  if (!problems.length && dec(balance).isZero() && dec(points).isZero())
    problems.push('nothing to import: balance and points are both 0');
  if (problems.length) {
    errors.push({ line, message: problems.join('; ') });
    return undefined;
  }
  return { line, ...(openid ? { openid } : {}), ...(phone ? { phone } : {}), balance, points, nickname };
}

/** Parses and checks a file on its own (no database): rows, and every bad row by line. */
export function parseLegacyFile(format: 'csv' | 'json', data: unknown): { rows: LegacyRow[]; errors: RowError[] } {
  const rows: LegacyRow[] = [];
  const errors: RowError[] = [];
  if (format === 'csv') {
    if (typeof data !== 'string') return { rows, errors: [{ line: 0, message: 'data must be the CSV text' }] };
    const lines = data.replace(/^\uFEFF/, '').split(/\r?\n/);
    const header = splitCsvLine(lines[0] ?? '')?.map((h) => h.toLowerCase());
    if (!header || !header.length || header.some((h) => !(COLUMNS as readonly string[]).includes(h))) {
      return { rows, errors: [{ line: 1, message: `header must name columns among ${COLUMNS.join(', ')}` }] };
    }
    if (!header.includes('openid') && !header.includes('phone'))
      return { rows, errors: [{ line: 1, message: 'header needs openid or phone' }] };
    if (new Set(header).size !== header.length)
      return { rows, errors: [{ line: 1, message: 'a column is named twice' }] };
    for (let i = 1; i < lines.length; i++) {
      const text = lines[i]!;
      if (text.trim() === '') continue;
      const cells = splitCsvLine(text);
      if (!cells) {
        errors.push({ line: i + 1, message: 'unbalanced quotes' });
        continue;
      }
      if (cells.length !== header.length) {
        errors.push({ line: i + 1, message: `${cells.length} fields, the header has ${header.length}` });
        continue;
      }
      const raw: Raw = Object.fromEntries(header.map((h, j) => [h, cells[j]]));
      const r = checkRow(i + 1, raw, errors);
      if (r) rows.push(r);
    }
  } else {
    let arr: unknown = data;
    if (typeof data === 'string') {
      try {
        arr = JSON.parse(data);
      } catch {
        return { rows, errors: [{ line: 0, message: 'data is not valid JSON' }] };
      }
    }
    if (!Array.isArray(arr)) return { rows, errors: [{ line: 0, message: 'data must be a JSON array of members' }] };
    arr.forEach((el, i) => {
      if (typeof el !== 'object' || el === null || Array.isArray(el)) {
        errors.push({ line: i + 1, message: 'each member must be an object' });
        return;
      }
      const extra = Object.keys(el).filter((k) => !(COLUMNS as readonly string[]).includes(k));
      if (extra.length) {
        errors.push({ line: i + 1, message: `unknown field ${extra.join(', ')}` });
        return;
      }
      const r = checkRow(i + 1, el as Raw, errors);
      if (r) rows.push(r);
    });
  }
  if (rows.length + errors.length === 0) errors.push({ line: 0, message: 'the file holds no members' });
  if (rows.length + errors.length > MAX_ROWS)
    errors.push({ line: 0, message: `at most ${MAX_ROWS} members per file; split it` });
  // Duplicates within the file: the same openid or phone twice.
  const seen = new Map<string, number>();
  for (const r of rows) {
    for (const id of [r.openid ? `openid:${r.openid}` : '', r.phone ? `phone:${r.phone}` : ''].filter(Boolean)) {
      const first = seen.get(id);
      if (first !== undefined)
        errors.push({ line: r.line, message: `duplicate of line ${first} (${id.split(':')[0]})` });
      else seen.set(id, r.line);
    }
  }
  errors.sort((a, b) => a.line - b.line);
  return { rows, errors };
}

export const fileHash = (format: string, data: unknown) =>
  createHash('sha256')
    .update(format + '\n' + (typeof data === 'string' ? data : JSON.stringify(data)))
    .digest('hex');

class StepDone extends Error {}

/**
 * Commits writes another run may have made already (create-once, or guarded by a version).
 * False when a guard refused them: that run did it, the caller re-reads.
 */
async function commitUnlessDone(d: Pick<Deps, 'tx'>, writes: Write[]): Promise<boolean> {
  try {
    await d.tx.commit(writes);
    return true;
  } catch (e) {
    if (!(e instanceof WritesRejected)) throw e;
    return false;
  }
}

/** The user of a row: found by openid, else created (keyed so a later login finds it). */
async function ensureUser(d: Pick<Deps, 'legacy' | 'tx' | 'users'>, importId: string, r: LegacyRow): Promise<string> {
  const legacy = d.legacy;
  const marker = await legacy.marker(identityOf(r));
  if (marker) return marker.userId;
  let userId = r.openid ? await d.users.idByOpenId(r.openid) : undefined;
  const tx = new Tx(d.tx);
  const at = new Date().toISOString();
  if (!userId) {
    if (r.openid) {
      userId = userIdFor(r.openid);
      tx.add(legacy.newOpenId(r.openid, userId));
    } else {
      userId =
        (await legacy.userIdByPhone(r.phone!)) ??
        'u_' + createHash('sha256').update(`phone:${r.phone}`).digest('hex').slice(0, 20);
    }
    if (!(await d.users.get(userId))) {
      // Not logged in yet: the member's first WeChat login may still bind a referrer.
      tx.add(
        legacy.newMember({
          userId,
          openId: r.openid ?? '',
          nickname: r.nickname,
          createdAt: at,
          ...(r.phone ? { phone: r.phone } : {}),
        }),
      );
    }
  }
  if (r.phone && !(await legacy.userIdByPhone(r.phone))) tx.add(legacy.newPhone(r.phone, userId));
  for (const identity of identitiesOf(r)) tx.add(legacy.newMarker({ identity, importId, line: r.line, userId }, at));
  try {
    await tx.commit();
  } catch (e) {
    const again = await legacy.marker(identityOf(r));
    if (again) return again.userId; // a concurrent run of the same import did it
    throw e;
  }
  return userId;
}

export interface ImportReport {
  importId: string;
  status: 'rejected' | 'applying' | 'done';
  rows: number;
  errors?: RowError[];
  storeCredit?: string;
  pointsLocked?: string;
  grantFunding?: string;
  users?: Array<{ line: number; userId: string }>;
  failed?: RowError[];
}

/** Test hook: called after each applied row (a crash there must resume without doubling). */
export const legacyHooks: { afterRow?: (line: number) => void } = {};

type ImportDeps = Pick<
  Deps,
  'config' | 'events' | 'ledger' | 'legacy' | 'pool' | 'projection' | 'tx' | 'users' | 'wallets'
>;

/**
 * The answer a file gets without importing anything (asked before a second signature is filed):
 * refused whole (bad rows), or the report of the same import done already; undefined: importable.
 */
export async function legacyPrecheck(
  d: Pick<Deps, 'legacy'>,
  input: { importId: string; format: 'csv' | 'json'; data: unknown },
): Promise<ImportReport | undefined> {
  const { importId, format, data } = input;
  const meta = await d.legacy.importMeta(importId);
  if (meta && meta.hash !== fileHash(format, data))
    throw conflict('import_id_reused', `import ${importId} was used for another file`);
  if (meta?.status === 'done') return JSON.parse(String(meta.report)) as ImportReport;
  const { rows, errors } = parseLegacyFile(format, data);
  if (!errors.length) await refuseImported(d, importId, rows, errors);
  return errors.length ? { importId, status: 'rejected', rows: rows.length + errors.length, errors } : undefined;
}

export async function importLegacyMembers(
  d: ImportDeps,
  input: { importId: string; format: 'csv' | 'json'; data: unknown },
  actor: string,
): Promise<ImportReport> {
  const { importId, format, data } = input;
  const hash = fileHash(format, data);
  const legacy = d.legacy;
  const meta = await legacy.importMeta(importId);
  if (meta && meta.hash !== hash) throw conflict('import_id_reused', `import ${importId} was used for another file`);
  if (meta?.status === 'done') return JSON.parse(String(meta.report)) as ImportReport;

  const { rows, errors } = parseLegacyFile(format, data);
  if (!errors.length) await refuseImported(d, importId, rows, errors);
  if (errors.length) return { importId, status: 'rejected', rows: rows.length + errors.length, errors };

  // Another run of the same import may have started it: then it is there already.
  if (!meta)
    await commitUnlessDone(d, [legacy.startImport(importId, hash, rows.length, actor, new Date().toISOString())]);
  const t = {
    users: [] as Array<{ line: number; userId: string }>,
    failed: [] as RowError[],
    credit: ZERO,
    locked: ZERO,
    funding: ZERO,
  };
  for (const r of rows) {
    const userId = await ensureUser(d, importId, r);
    t.users.push({ line: r.line, userId });
    if (dec(r.balance).gt(0)) {
      await creditRow(d, importId, r, userId);
      t.credit = t.credit.plus(r.balance);
    }
    if (dec(r.points).gt(0)) await grantRow(d, importId, r, userId, t);
    legacyHooks.afterRow?.(r.line);
  }
  const pending = t.failed.some((f) => f.message.includes('pending'));
  const report: ImportReport = {
    importId,
    status: pending ? 'applying' : 'done',
    rows: rows.length,
    storeCredit: t.credit.toFixed(2),
    pointsLocked: t.locked.toFixed(),
    grantFunding: t.funding.toFixed(2),
    users: t.users,
    ...(t.failed.length ? { failed: t.failed } : {}),
  };
  if (!pending) {
    const done = legacy.finishImport(importId, hash, storedReport(report), new Date().toISOString());
    // Best effort: if it is lost, the next run re-applies every step (each once) and writes it.
    await d.tx.commit([done]).catch(() => undefined);
  }
  return report;
}

/** Rows already imported by another import (or another line of this one) are refused too. */
export async function refuseImported(d: Pick<Deps, 'legacy'>, importId: string, rows: LegacyRow[], errors: RowError[]) {
  const byId = await d.legacy.markers(rows.flatMap(identitiesOf));
  for (const r of rows) {
    const m = identitiesOf(r)
      .map((id) => byId.get(id))
      .find((x) => x && (x.importId !== importId || x.line !== r.line));
    if (m) errors.push({ line: r.line, message: `already imported (import ${m.importId}, line ${m.line})` });
  }
  errors.sort((a, b) => a.line - b.line);
}

/** A row's balance as store credit, once per (import, line). */
async function creditRow(d: ImportDeps, importId: string, r: LegacyRow, userId: string) {
  const event: LedgerEvent = { kind: 'credit_store', user: userId, amount: r.balance, reason: 'legacy' };
  try {
    await applyNotedEvent(d, userId, `legacy_${importId}_${r.line}_credit`, event, (tx) => {
      tx.add(d.legacy.importStep(importId, r.line, 'credit', userId, r.balance), new StepDone());
    });
  } catch (e) {
    if (!(e instanceof StepDone)) throw e;
  }
}

/** A row's points as a locked grant through the pool, once per (import, line); counted in `t`. */
async function grantRow(
  d: ImportDeps,
  importId: string,
  r: LegacyRow,
  userId: string,
  t: { failed: RowError[]; locked: Dec; funding: Dec },
) {
  await d.legacy.markLocked(userId, new Date().toISOString());
  const eventId = eventIdFor('legacy', importId, String(r.line));
  const tx = new Tx(d.tx);
  await addSubmission(
    d,
    tx,
    { eventId, userId, event: { kind: 'grant', user: userId, points: r.points, locked: true, reason: 'legacy' } },
    new StepDone(),
  );
  try {
    await tx.commit();
  } catch (e) {
    if (!(e instanceof StepDone)) throw e;
  }
  const rec = await awaitEvent(d, eventId, 15000);
  if (rec?.status === 'applied') {
    t.locked = t.locked.plus(r.points);
    t.funding = t.funding.plus(String((rec.outcome as { funding?: string }).funding ?? '0'));
  } else {
    t.failed.push({
      line: r.line,
      message:
        rec?.status === 'rejected' ? `grant refused: ${rec.error?.code}` : 'grant still pending; run the import again',
    });
  }
}

/** The report as stored on the import item: without the per-row users when it would not fit an item. */
function storedReport(r: ImportReport): string {
  const full = JSON.stringify(r);
  return full.length < 300_000 ? full : JSON.stringify({ ...r, users: undefined, usersOmitted: true });
}

// ---------- daily release of locked grants ----------

export const RELEASE_CHUNK = 25;

export interface ReleaseReport {
  date: string;
  status: 'running' | 'done';
  users: number;
  released: string;
  finished: number; // users whose locked points are all released (left the list)
}

/** Submits the day's release of each user, drains, and reads the outcomes: points released, users finished. */
async function releasePage(
  d: Pick<Deps, 'config' | 'events' | 'ledger' | 'legacy' | 'pool' | 'projection' | 'tx' | 'wallets'>,
  day: string,
  userIds: string[],
): Promise<{ released: Dec; finished: number }> {
  for (const userId of userIds) {
    const eventId = eventIdFor('release', day, userId);
    const tx = new Tx(d.tx);
    await addSubmission(d, tx, { eventId, userId, event: { kind: 'release_locked', user: userId } }, new StepDone());
    await tx.commit().catch((e) => {
      if (!(e instanceof StepDone)) throw e;
    });
  }
  await drain(d);
  let released = ZERO;
  let finished = 0;
  for (const userId of userIds) {
    const rec = await awaitEvent(d, eventIdFor('release', day, userId), 15000);
    if (!rec || rec.status === 'pending') throw busy('releases still pending; run release-locked again');
    if (rec.status === 'applied') released = released.plus(String((rec.outcome as { points?: string }).points ?? '0'));
    const { wallet } = await d.wallets.get(userId);
    if (dec(wallet.equityLocked).isZero()) {
      await new Tx(d.tx).add(d.legacy.unlock(userId)).commit();
      finished++;
    }
  }
  return { released, finished };
}

/** A run's figures as reported (absent run: none). */
const summary = (
  day: string,
  status: ReleaseReport['status'],
  s: Pick<ReleaseState, 'users' | 'released' | 'finished'> | undefined,
): ReleaseReport => ({
  date: day,
  status,
  users: s?.users ?? 0,
  released: s?.released ?? '0',
  finished: s?.finished ?? 0,
});

/**
 * Releases every locked holder's daily share (lockedGranted × lockedReleaseRate) once per date:
 * the event id is derived from (date, user), so however often this runs, a user gets one release a day.
 * Only days that have come (not after today, China time) and only holders granted by that day
 * (domain/programme/schedule-bounds.ts), so the dates cannot be used to release ahead or twice over.
 */
export async function releaseLocked(
  d: Pick<Deps, 'config' | 'events' | 'ledger' | 'legacy' | 'locked' | 'pool' | 'projection' | 'tx' | 'wallets'>,
  date: string | undefined,
  opts: { maxMs?: number; now?: number } = {},
): Promise<ReleaseReport> {
  const day = dateUpTo(date, opts.now ?? Date.now());
  const deadline = Date.now() + (opts.maxMs ?? 600_000);
  const legacy = d.legacy;
  let state = await legacy.release(day);
  if (state?.status === 'done') return JSON.parse(String(state.report)) as ReleaseReport;
  if (!state) {
    const first: ReleaseState = {
      date: day,
      status: 'running',
      cursor: '',
      users: 0,
      released: '0',
      finished: 0,
      version: 1,
    };
    await commitUnlessDone(d, [legacy.startRelease(first)]); // refused: another run started the day
    state = await legacy.release(day);
  }
  for (;;) {
    if (!state) throw new Error(`release run of ${day} is missing`);
    const s = state;
    const page = await legacy.lockedHolders(RELEASE_CHUNK, s.cursor || undefined);
    const got = await releasePage(d, day, await grantedBy(d, day, page.userIds));
    const done = !page.next;
    const next: ReleaseState = {
      date: day,
      status: done ? 'done' : 'running',
      cursor: page.next ?? '',
      users: s.users + page.userIds.length,
      released: dec(s.released).plus(got.released).toFixed(),
      finished: s.finished + got.finished,
      version: s.version + 1,
    };
    if (done) next.report = JSON.stringify(summary(day, 'done', next));
    // Refused: another run moved on; re-read and continue from where it is.
    await commitUnlessDone(d, [legacy.saveRelease(next, s.version)]);
    state = await legacy.release(day);
    if (state?.status === 'done') return JSON.parse(String(state.report)) as ReleaseReport;
    if (Date.now() > deadline) return summary(day, 'running', state);
  }
}
