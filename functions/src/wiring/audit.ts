// Composition root of the audit log alone (the late-payment refund's system entry, the staff
// wrapper's entry per call).
import type { Deps } from '../domain/deps';
import { auditStore } from '../repo/audit';
import { committer } from '../repo/writes';

export const audit: Pick<Deps, 'audit'> = { audit: auditStore };
export const staffAudit: Pick<Deps, 'tx' | 'audit'> = { tx: committer, ...audit };
