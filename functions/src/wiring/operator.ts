// Composition root of the operator area: the lists by status, the audit log, the parameters'
// writes and the whole-table checks (reconcile).
import type { Stores } from '../domain/deps';
import type { ConfigAdmin } from '../domain/operator/config';
import { auditStore } from '../repo/audit';
import { operatorQueries } from '../repo/queries';
import { configAdmin as ddbConfigAdmin } from '../repo/config';
import { reconcile } from '../repo/reconcile';

export const operator: Pick<Stores, 'queries' | 'audit'> = { queries: operatorQueries, audit: auditStore };

export const configAdmin: { configAdmin: ConfigAdmin } = { configAdmin: ddbConfigAdmin };

/** Reconcile reads the whole table (its own IAM role: serverless.yml ReconcileRole). */
export const checks: { reconcile: typeof reconcile } = { reconcile };
