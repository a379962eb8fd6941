// The queue's order: when a submission or a note arrived (its key sorts by it).
let counter = 0;
/** Sortable arrival time: ISO ms plus a per-process counter so the order is total. */
export function arrival(): string {
  counter = (counter + 1) % 1000000;
  return `${new Date().toISOString()}#${String(counter).padStart(6, '0')}`;
}
