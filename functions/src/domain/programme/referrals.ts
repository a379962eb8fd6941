// Referral binding (docs/rules.md event 7 and commissions): a user is bound to a referrer once, at the
// first login, through the share link (`referrer`) or the mini-program code's scene. Never to
// themselves, never so that the chain loops back to them.
import type { LedgerEvent } from '@greenpoints/shared';
import { findAgent } from './agents';
import { Tx } from '../tx';
import type { Deps } from '../deps';

export type BindRefusal = 'self_referral' | 'already_bound' | 'referral_cycle' | 'unknown_referrer';

/** Longest referrer chain walked when looking for a cycle (a guard, not a business rule). */
export const MAX_CHAIN = 64;

const USER_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The referrer carried by a WeChat mini-program code's `scene` (at most 32 visible chars,
 * URL-encoded by WeChat): either `r=<userId>` or the bare userId.
 */
export function referrerFromScene(scene: string | undefined): string | undefined {
  if (!scene) return undefined;
  let s: string;
  try {
    s = decodeURIComponent(scene);
  } catch {
    return undefined;
  }
  const m = /(?:^|&)r=([^&]+)/.exec(s);
  const id = m ? m[1]! : s.includes('=') ? undefined : s;
  return id && USER_ID_RE.test(id) ? id : undefined;
}

/**
 * Why `userId` may not be bound to `referrerId`, or undefined when it may.
 * `ancestors` is the referrer's own chain upwards (its referrer, that one's referrer, …);
 * `referrerExists` whether the referrer is a user at all.
 */
export function bindingRefusal(
  userId: string,
  currentReferrer: string | undefined,
  referrerId: string,
  referrerExists: boolean,
  ancestors: string[],
): BindRefusal | undefined {
  if (currentReferrer) return 'already_bound';
  if (referrerId === userId) return 'self_referral';
  if (!referrerExists) return 'unknown_referrer';
  if (ancestors.includes(userId)) return 'referral_cycle';
  return undefined;
}

/** The referrer chain above `userId` (not including it), bounded by MAX_CHAIN. */
export async function ancestorsOf(d: Pick<Deps, 'referrals'>, userId: string): Promise<string[]> {
  const out: string[] = [];
  let cur = userId;
  for (let i = 0; i < MAX_CHAIN; i++) {
    const r = await d.referrals.referrerOf(cur);
    if (!r || out.includes(r)) break;
    out.push(r);
    cur = r;
  }
  return out;
}

/** Checks a proposed referrer for a user that does not exist yet (its first login). */
export async function referrerForNewUser(
  d: Pick<Deps, 'users'>,
  userId: string,
  proposed: string | undefined,
): Promise<string | undefined> {
  if (!proposed || !USER_ID_RE.test(proposed)) return undefined;
  const exists = !!(await d.users.get(proposed));
  // Nobody can have bound to a user that did not exist, so a new user is in no chain: no walk.
  const refusal = bindingRefusal(userId, undefined, proposed, exists, []);
  return refusal ? undefined : proposed;
}

/**
 * The first login of a user that existed before it ever logged in (a legacy member imported by
 * openid): marks the login and binds the referrer if the rules allow, once, race-free.
 */
export async function firstLoginOfExisting(
  d: Pick<Deps, 'referrals' | 'tx' | 'users'>,
  userId: string,
  proposed: string | undefined,
): Promise<{ bound?: string; refusal?: BindRefusal }> {
  const u = await d.referrals.awaitingFirstLogin(userId);
  if (!u) return {}; // not a pre-created user, or already logged in once
  let bound: string | undefined;
  let refusal: BindRefusal | undefined;
  if (proposed && USER_ID_RE.test(proposed)) {
    const exists = !!(await d.users.get(proposed));
    refusal = bindingRefusal(userId, u.referrer, proposed, exists, exists ? await ancestorsOf(d, proposed) : []);
    if (!refusal) bound = proposed;
  }
  const at = new Date().toISOString();
  const binding = bound ? { referrer: bound, createdAt: u.createdAt ?? at } : undefined;
  try {
    await new Tx(d.tx).add(d.referrals.firstLogin(userId, at, binding)).commit();
  } catch {
    return {}; // a concurrent first login won; it did the binding
  }
  return { bound, refusal };
}

/** Referrers of a buyer for an order completion: l1 (direct) and l2 (its referrer). */
export async function referrersOf(d: Pick<Deps, 'users'>, buyer: string): Promise<{ l1?: string; l2?: string }> {
  const b = await d.users.get(buyer);
  const l1 = b?.referrer;
  if (!l1) return {};
  const a = await d.users.get(l1);
  const l2 = a?.referrer && a.referrer !== buyer ? a.referrer : undefined;
  return { l1, ...(l2 ? { l2 } : {}) };
}

/** Direct referrals of a user (newest first), from the referral index on user items. */
export async function directReferrals(
  d: Pick<Deps, 'referrals'>,
  userId: string,
  limit = 100,
): Promise<Array<{ userId: string; nickname: string; joinedAt: string }>> {
  return d.referrals.direct(userId, limit);
}

/**
 * Fills an order completion's parties: the buyer's referrers (both levels; the engine pays only
 * as many levels as the parameters current at apply time allow) and the region's agent.
 */
export async function withParties(
  d: Pick<Deps, 'agents' | 'users'>,
  e: LedgerEvent,
  region: string | undefined,
): Promise<LedgerEvent> {
  if (e.kind !== 'order_completed') return e;
  const [referrers, agent] = await Promise.all([referrersOf(d, e.buyer), findAgent(d, region)]);
  return { ...e, ...(referrers.l1 ? { referrers } : {}), ...(agent ? { agent } : {}) };
}
