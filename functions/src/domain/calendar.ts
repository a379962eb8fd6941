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

/** Whole days from `from` to `to`, both inclusive (0 when `to` is before `from`). */
export function daysBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400_000) + 1);
}

/** The last `max` dates (at most) of `from`..`to`, both inclusive, oldest first. */
export function lastDates(from: string, to: string, max: number): string[] {
  const out: string[] = [];
  for (let d = to; d >= from && out.length < max; d = addDays(d, -1)) out.unshift(d);
  return out;
}
