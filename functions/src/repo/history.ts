// A user's ledger, paged (USER#id / LEDGER#<at>#<event>#<n>, newest first).
import type { LedgerLine, Paged } from '../domain/ports';
import type { Item } from './ddb';
import { partitions } from './keys';
import { decodeCursor, encodeCursor } from './cursor';
import { listLedger } from './repository';

function toLine(e: Item): LedgerLine {
  return {
    at: String(e.at),
    kind: String(e.kind),
    field: String(e.field),
    delta: String(e.delta),
    why: String(e.why),
    eventId: String(e.eventId),
    ...(e.orderId ? { orderId: String(e.orderId) } : {}),
  };
}

export async function ledgerPage(userId: string, limit: number, cursor?: string): Promise<Paged<LedgerLine>> {
  const r = await listLedger(userId, limit, decodeCursor(cursor, partitions.user(userId)));
  return { items: r.entries.map(toLine), cursor: encodeCursor(r.next) };
}
