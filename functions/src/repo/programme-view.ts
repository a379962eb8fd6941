// The programme checks' view (domain/programme/checks.ts) gathered from the scanned table: batch
// log items, dividend fund entries, dividend cash ledger entries, settlements and the carry.
import type { ProgrammeView, SettledDay } from '../domain/programme/checks';
import type { Item, Scalar } from './ddb';
import { isKey, keys } from './keys';
import { toBatch } from './poollog';

const opt = (v: Scalar | undefined) => (typeof v === 'string' ? v : undefined);

/** Parsed `{date: amount}` of a settlement attribute; undefined when it was never recorded. */
function amounts(v: Scalar | undefined): Record<string, string> | undefined {
  return typeof v === 'string' && v !== '' ? (JSON.parse(v) as Record<string, string>) : undefined;
}

function toSettledDay(s: Item): SettledDay {
  const day: SettledDay = { date: String(s.date) };
  const fields = [
    'fromDate',
    'status',
    'contributions',
    'carryIn',
    'dayFund',
    'paid',
    'carryOut',
    'foldedFrom',
    'foldedThrough',
    'foldedAmount',
  ] as const;
  for (const f of fields) {
    const v = opt(s[f]);
    if (v !== undefined) day[f] = v;
  }
  const days = amounts(s.days);
  if (days) day.days = days;
  const late = amounts(s.late);
  if (late) day.late = late;
  return day;
}

export function programmeView(all: Item[]): ProgrammeView {
  const carry = all.find((i) => isKey(i, keys.carry()));
  return {
    batches: all.filter((i) => i.type === 'pool_batch').map(toBatch),
    divFunds: all
      .filter((i) => i.type === 'divfund')
      .map((i) => ({ eventId: String(i.eventId), date: String(i.date), amount: opt(i.amount) })),
    dividendCash: all
      .filter((i) => i.type === 'ledger' && i.kind === 'dividend' && i.field === 'cash')
      .map((l) => ({ date: String(l.date), delta: opt(l.delta) })),
    settlements: all.filter((i) => i.type === 'settlement').map(toSettledDay),
    ...(carry ? { carry: { amount: opt(carry.amount) } } : {}),
  };
}
