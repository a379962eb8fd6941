// Bounds on the dates and clocks staff functions are given (issue 21 item 2): "once per date"
// only means "once a day" if the dates are real days that have come. A date after today (China
// time) is refused, and a holder's locked points are released only for days from their grant on.
// A stand-in `now` (tests, demos) exists on the local stage only (staff/clock.ts).
import { businessDate, isValidDate } from '../calendar';
import { invalid } from '../errors';

/** The date a run is for: `date` (default today), a real YYYY-MM-DD, not after today. */
export function dateUpTo(date: string | undefined, now: number): string {
  const today = businessDate(now);
  const day = date ?? today;
  if (!isValidDate(day)) throw invalid('invalid_date', 'date must be YYYY-MM-DD');
  if (day > today) throw invalid('date_in_future', `${day} is after today (${today}, China time)`);
  return day;
}

/** Reads when each locked holder's grant was made (the instant they were put on the list). */
export interface LockedSinceStore {
  /** The ISO instant each of these holders was granted locked points (absent: unknown). */
  lockedSince(userIds: string[]): Promise<Map<string, string>>;
}

/**
 * The holders a day's release may pay: those granted on or before that day (China time). A
 * holder whose grant date is unknown is left out: releasing nothing is the safe side.
 */
export async function grantedBy(deps: { locked: LockedSinceStore }, day: string, userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const since = await deps.locked.lockedSince(userIds);
  return userIds.filter((u) => {
    const at = since.get(u);
    return at !== undefined && Number.isFinite(Date.parse(at)) && businessDate(at) <= day;
  });
}
