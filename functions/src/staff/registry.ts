// The staff functions by name, filled by staff/index.ts as it loads. approve-request runs the
// approved function from here: importing index.ts back from requests.ts (which index.ts loads)
// would be an import cycle.
import type { StaffEvent, StaffResult } from './wrapper';

export type StaffFunction = (e: StaffEvent) => Promise<StaffResult>;

export const registry = new Map<string, StaffFunction>();
