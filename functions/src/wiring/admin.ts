// Composition root of the staff-only writes and checks: the parameters' new version (set-config)
// and reconcile, which reads the whole table (its own IAM role: serverless.yml ReconcileRole).
import type { ConfigAdmin } from '../domain/operator/config';
import { configAdmin as ddbConfigAdmin } from '../repo/config';
import { reconcile } from '../repo/reconcile';

export const configAdmin: { configAdmin: ConfigAdmin } = { configAdmin: ddbConfigAdmin };

export const checks: { reconcile: typeof reconcile } = { reconcile };
