// Composition root of the staff console's own reads (domain/operator/console-ports.ts) and of the
// staff call's write scope (the audit entry joined to its first transaction; reads refused in a
// query: repo/write-scope.ts).
import type { ConsoleStores } from '../domain/operator/console-ports';
import { consoleStore } from '../repo/console';

export const consoleStores: ConsoleStores = { console: consoleStore };
export { auditedScope } from '../repo/audit-chain';
