import { useEffect } from 'react';
import { useShareAppMessage } from '@tarojs/taro';
import { useQueryParam, withQuery, type Route } from './nav';
import { getUserId, rememberReferrer } from './session';

// Invitations by shared page: a page shared by a logged-in shopper carries `referrer=<userId>`;
// the page opened from it remembers the referrer until the first login (app.tsx does the same
// on a cold start, with the scene of a mini-program code).

/** `route?…&referrer=<me>` (no referrer when nobody is logged in). */
export function sharePath(route: Route, query: Record<string, string> = {}): string {
  const me = getUserId();
  return withQuery(route, me ? { ...query, referrer: me } : query);
}

/** Remembers the referrer of the link this page was opened with (`referrer`, `ref` or `scene`). */
export function useInviteFromQuery(): void {
  const referrer = useQueryParam('referrer');
  const ref = useQueryParam('ref');
  const scene = useQueryParam('scene');
  useEffect(() => {
    if (referrer || ref || scene) rememberReferrer(referrer || ref, scene);
  }, [referrer, ref, scene]);
}

/** The page's share card (the page config sets enableShareAppMessage) carries the sharer. */
export function useShareWithReferrer(title: string, route: Route, query: Record<string, string> = {}): void {
  useShareAppMessage(() => ({ title, path: sharePath(route, query) }));
}
