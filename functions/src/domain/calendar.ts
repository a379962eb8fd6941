// Business days of the programme: the mall runs on China time (UTC+8, no daylight saving), so a
// "day" for dividends and releases is a Shanghai calendar date, whatever the server's zone.
const OFFSET_MS = 8 * 3600_000;
export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** The Shanghai date (YYYY-MM-DD) of an instant. */
export function businessDate(at: string | number | Date): string {
  const t = typeof at === 'string' ? Date.parse(at) : typeof at === 'number' ? at : at.getTime();
  if (!Number.isFinite(t)) throw new Error(`not a time: ${String(at)}`);
  return new Date(t + OFFSET_MS).toISOString().slice(0, 10);
}

export function isValidDate(d: string): boolean {
  if (!DATE_RE.test(d)) return false;
  const t = Date.parse(`${d}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
}

export function addDays(d: string, n: number): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
}

/** Dates after `from` (exclusive) up to `to` (inclusive), oldest first, at most `max`. */
export function datesBetween(from: string | undefined, to: string, max: number): string[] {
  if (!from) return [to];
  const out: string[] = [];
  for (let d = to; d > from && out.length < max; d = addDays(d, -1)) out.unshift(d);
  return out;
}
