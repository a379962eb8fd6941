// Composition root of the staff wrapper's own store: the audit log it writes every call to.
import type { Deps } from '../domain/deps';
import { auditStore } from '../repo/audit';
import { committer } from '../repo/writes';

export const staffAudit: Pick<Deps, 'tx' | 'audit'> = { tx: committer, audit: auditStore };
