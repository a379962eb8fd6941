// Reconcile checks of the full programme (run by the staff reconcile over the scanned table):
// every order's dividend contribution reached its day's fund, each settled day paid exactly what
// its ledger shows, and the carry chains from one day to the next.
import { decOrZero, ZERO, type Dec } from '@greenpoints/shared';
import type { Item } from '../repo/ddb';

const D = (s: unknown) => decOrZero(typeof s === 'string' ? s : undefined);

export function programmeProblems(all: Item[]): string[] {
  const problems: string[] = [];

  // Dividend fund entries ↔ applied order completions with a dividend contribution.
  const funds = new Map(all.filter((i) => i.type === 'divfund').map((i) => [String(i.eventId), i]));
  for (const e of all.filter((i) => i.type === 'pool_event' && i.kind === 'order_completed')) {
    const want = D((JSON.parse(String(e.outcome)) as { dividendFund?: string }).dividendFund);
    const f = funds.get(String(e.eventId));
    if (want.gt(0) && !f)
      problems.push(`dividend fund entry missing for completion ${String(e.eventId)} (${want.toFixed(2)})`);
    if (f && !D(f.amount).eq(want))
      problems.push(
        `dividend fund entry of ${String(e.eventId)} is ${String(f.amount)}, the completion gave ${want.toFixed(2)}`,
      );
    funds.delete(String(e.eventId));
  }
  for (const id of funds.keys()) problems.push(`dividend fund entry ${id} has no applied completion`);

  // Each done day: paid = Σ its dividend ledger entries; carry = fund − paid; days chain.
  const paidByDate = new Map<string, Dec>();
  for (const l of all.filter((i) => i.type === 'ledger' && i.kind === 'dividend' && i.field === 'cash')) {
    const d = String(l.date);
    paidByDate.set(d, (paidByDate.get(d) ?? ZERO).plus(D(l.delta)));
  }
  const days = all.filter((i) => i.type === 'settlement').sort((a, b) => String(a.date).localeCompare(String(b.date)));
  let prevCarry = ZERO;
  for (const s of days) {
    const date = String(s.date);
    const paid = paidByDate.get(date) ?? ZERO;
    if (!paid.eq(D(s.paid)))
      problems.push(
        `settlement ${date} reports paid ${String(s.paid)}, its dividend ledger sums to ${paid.toFixed(2)}`,
      );
    if (!D(s.carryIn).eq(prevCarry))
      problems.push(`settlement ${date} carried in ${String(s.carryIn)}, the day before left ${prevCarry.toFixed(2)}`);
    if (!D(s.dayFund).eq(D(s.contributions).plus(D(s.carryIn))))
      problems.push(`settlement ${date}: fund ≠ contributions + carry`);
    if (D(s.paid).gt(D(s.dayFund))) problems.push(`settlement ${date} paid more than its fund`);
    if (s.status === 'done') {
      if (!D(s.carryOut).eq(D(s.dayFund).minus(D(s.paid)))) problems.push(`settlement ${date}: carry ≠ fund − paid`);
      prevCarry = D(s.carryOut);
    } else prevCarry = ZERO; // the carry is inside the running day
    paidByDate.delete(date);
  }
  for (const [d, v] of paidByDate) problems.push(`dividends of ${v.toFixed(2)} dated ${d} have no settlement`);
  const carry = all.find((i) => i.PK === 'SETTLEMENT' && i.SK === 'CARRY');
  const last = days[days.length - 1];
  if (last && carry && last.status === 'done' && !D(carry.amount).eq(D(last.carryOut))) {
    problems.push(`carry item holds ${String(carry.amount)}, the last settled day left ${String(last.carryOut)}`);
  }
  return problems;
}
