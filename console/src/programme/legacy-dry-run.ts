// The dry run of a legacy import, in the browser before anything is sent: the same checks the
// server makes first (columns, identities, amounts, duplicates in the file), with the totals.
// The server checks again (and against members already imported) and writes nothing on any error.
import { ceil2, dec, parseMoney, parsePoints, sumMoney, sumPoints } from '@greenpoints/shared';
import { parseCsv } from '../ui/csv';

const COLUMNS = ['openid', 'phone', 'balance', 'points', 'nickname'];
const PHONE_RE = /^1[3-9][0-9]{9}$/;
const OPENID_RE = /^[A-Za-z0-9_:@.-]{6,64}$/;

export interface DryRun {
  rows: number;
  balance: string;
  points: string;
  funding: string;
  errors: Array<{ line: number; message: string }>;
}

function records(text: string, format: 'csv' | 'json'): Array<{ line: number; r: Record<string, unknown> }> {
  if (format === 'json') {
    const arr = JSON.parse(text) as unknown;
    if (!Array.isArray(arr)) throw new Error('JSON 文件必须是会员数组');
    return arr.map((r, i) => ({ line: i + 1, r: (r ?? {}) as Record<string, unknown> }));
  }
  const [header = [], ...body] = parseCsv(text);
  const cols = header.map((h) => h.trim().toLowerCase());
  const unknown = cols.filter((c) => !COLUMNS.includes(c));
  if (unknown.length) throw new Error(`未知列：${unknown.join(', ')}（可用列 ${COLUMNS.join(', ')}）`);
  return body.map((cells, i) => ({ line: i + 2, r: Object.fromEntries(cols.map((c, j) => [c, cells[j] ?? ''])) }));
}

function check(r: Record<string, unknown>, seen: Map<string, number>, line: number): string[] {
  const problems: string[] = [];
  const s = (k: string) => (typeof r[k] === 'string' ? (r[k] as string).trim() : '');
  if (!s('openid') && !s('phone')) problems.push('缺少 openid 或手机号');
  if (s('openid') && !OPENID_RE.test(s('openid'))) problems.push('openid 格式不对');
  if (s('phone') && !PHONE_RE.test(s('phone'))) problems.push('手机号须为 1 开头的 11 位数字');
  for (const [k, parse] of [
    ['balance', parseMoney],
    ['points', parsePoints],
  ] as const)
    try {
      if (r[k] !== undefined && r[k] !== '') parse(r[k], k);
    } catch (e) {
      problems.push((e as Error).message);
    }
  for (const id of [s('openid') && `openid:${s('openid')}`, s('phone') && `phone:${s('phone')}`].filter(Boolean)) {
    if (seen.has(id)) problems.push(`与第 ${seen.get(id)} 行重复`);
    else seen.set(id, line);
  }
  return problems;
}

/** Checks the file and sums it; the funding is what the grants would pay in at `price`. */
export function dryRun(text: string, format: 'csv' | 'json', price: string): DryRun {
  const list = records(text, format);
  const seen = new Map<string, number>();
  const errors = list.flatMap(({ line, r }) => {
    const p = check(r, seen, line);
    return p.length ? [{ line, message: p.join('；') }] : [];
  });
  const amounts = (k: string) =>
    list.map(({ r }) => (typeof r[k] === 'string' && r[k] !== '' ? (r[k] as string) : '0'));
  const ok = errors.length === 0;
  // Each row is its own funded grant, each rounded up to the fen at (about) today's price.
  const funding = amounts('points').map((q) => ceil2(dec(q).times(price)));
  return {
    rows: list.length,
    balance: ok ? sumMoney(amounts('balance')) : '0.00',
    points: ok ? sumPoints(amounts('points')) : '0',
    funding: ok ? sumMoney(funding) : '0.00',
    errors,
  };
}
