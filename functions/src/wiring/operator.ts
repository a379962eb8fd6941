// Composition root of the operator area: the lists by status and the audit log.
import type { Stores } from '../domain/deps';
import { auditStore } from '../repo/audit';
import { operatorQueries } from '../repo/queries';

export const operator: Pick<Stores, 'queries' | 'audit'> = { queries: operatorQueries, audit: auditStore };
