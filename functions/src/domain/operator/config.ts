// Parameter changes (set-config): what changed and what staff must be warned about. The change
// itself is validated by the engine's mergeParams and stored as a new version (never edited).
import { dec, mergeParams, sum, type Params, type PoolState } from '@greenpoints/shared';
import { conflict, type DomainError } from '../errors';
import type { Deps } from '../deps';
import type { Write } from '../ports';
import { Tx } from '../tx';

export const WARN_TWO_LEVELS =
  '二级分销（referralLevels = 2）可能违反微信小程序平台运营规范中关于多级分销的规定，存在被限制或下架的风险；请确认已取得合规意见后再启用。';
export const WARN_EXIT =
  '已开启出局：每日结算时，积分市值达到剩余分红额度的用户将被全部卖出（含手续费），其分红额度清零。';
export const WARN_COMMISSION = '佣金与代理比例合计超过订单金额的 30%，请确认商品毛利可以承担。';

/** Keys whose value differs between two parameter sets. */
export function changedKeys(prev: Params, next: Params): string[] {
  return (Object.keys(next) as Array<keyof Params>).filter((k) => JSON.stringify(prev[k]) !== JSON.stringify(next[k]));
}

/** zh-CN warnings for a valid new parameter set (the change is accepted; staff is told the risks). */
export function configWarnings(prev: Params, next: Params): string[] {
  const w: string[] = [];
  if (next.referralLevels === 2) w.push(WARN_TWO_LEVELS);
  if (next.exitEnabled && !prev.exitEnabled) w.push(WARN_EXIT);
  const commissions = sum([next.commissionL1Rate, next.commissionL2Rate, next.agentRate]);
  if (commissions.gt('0.3')) w.push(WARN_COMMISSION);
  return w;
}

/**
 * A valid parameter set checked against the state it governs (the pool as stored now), not only
 * against its own range: a change that would make an invariant false from then on, or that would
 * silently govern nothing, is refused with a named error.
 */
export function stateProblem(prev: Params, next: Params, pool: PoolState): DomainError | undefined {
  // I1: issued ≤ supplyCap. A cap below what is already issued would make it false at once.
  if (dec(next.supplyCap).lt(pool.issued))
    return conflict(
      'supply_cap_below_issued',
      `supplyCap ${next.supplyCap} is below the ${pool.issued} points already issued`,
    );
  // issuePrice prices only the first order; afterwards the pool's own price (or its last price
  // once everything was sold back) governs, so a new issue price would be stored and never used.
  if (next.issuePrice !== prev.issuePrice && pool.seq > 0)
    return conflict(
      'issue_price_fixed',
      `issuePrice only prices the first order; the pool has ${pool.seq} events and prices itself now`,
    );
  return undefined;
}

// ---------- the change itself (set-config) ----------
/** The parameters' writes (repo/config.ts): a new version beside its history, guarded by the pool. */
export interface ConfigAdmin {
  /** The pool as it is now (empty before the first event) and its seq (undefined: no pool item yet). */
  poolNow(params: Params): Promise<{ pool: PoolState; seq?: number }>;
  /** The new version and its history record, guarded by the version it replaces (0: none yet). */
  write(params: Params, version: number, priorVersion: number, at: string): Write[];
  /** A guard: the pool item is still at `seq`. */
  poolAt(seq: number): Write;
}

class PoolMoved extends Error {}

type SetConfigDeps = Pick<Deps, 'config' | 'tx'> & { configAdmin: ConfigAdmin };

/** A guarded write and the error its failed guard means. */
export interface Guarded {
  write: Write;
  onFail: Error;
}

/** The result of a change, known before it is written (so its audit entry can go in the same commit). */
export interface ConfigChange {
  version: number;
  previousVersion: number;
  changed: string[];
  warnings: string[];
  params: Params;
}

/**
 * Commits a change's writes: by default alone; the staff wrapper passes one that adds the call's
 * audit entry to the same transaction (staff/index.ts).
 */
export type CommitChange = (writes: Guarded[], result: ConfigChange) => Promise<void>;

/** The merged parameters checked against the pool, refused (invalid_params, a state problem) before anything is written. */
export async function checkParams(d: SetConfigDeps, change: Record<string, unknown>) {
  const cur = await d.config.params(true);
  const next = mergeParams(cur.params, change);
  const now = await d.configAdmin.poolNow(cur.params);
  const problem = stateProblem(cur.params, next, now.pool);
  if (problem) throw problem;
  return { cur, next, now };
}

/** Merges `change` into the parameters as a new version; retried while a pool event lands between. */
export async function setParams(d: SetConfigDeps, change: Record<string, unknown>, commit?: CommitChange) {
  // Bounded: only a pool event landing between the read and the write sends it round again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await writeParams(d, change, commit);
    } catch (e) {
      if (!(e instanceof PoolMoved) || attempt >= 5) throw e;
    }
  }
}

async function writeParams(d: SetConfigDeps, change: Record<string, unknown>, commit?: CommitChange) {
  const { cur, next, now } = await checkParams(d, change);
  const version = cur.version + 1;
  // Accepted, with the risks spelled out for staff (e.g. two referral levels on WeChat).
  const result: ConfigChange = {
    version,
    previousVersion: cur.version,
    changed: changedKeys(cur.params, next),
    warnings: configWarnings(cur.params, next),
    params: next,
  };
  // The new version and its history record in one transaction, guarded by the old version and by
  // the pool state the change was checked against.
  const stale = () => conflict('conflict', 'a concurrent change won; try again');
  const writes: Guarded[] = d.configAdmin
    .write(next, version, cur.version, new Date().toISOString())
    .map((write) => ({ write, onFail: stale() }));
  if (now.seq !== undefined) writes.push({ write: d.configAdmin.poolAt(now.seq), onFail: new PoolMoved() });
  if (commit) await commit(writes, result);
  else {
    const tx = new Tx(d.tx);
    for (const g of writes) tx.add(g.write, g.onFail);
    await tx.commit();
  }
  return result;
}
