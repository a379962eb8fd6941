import { useState } from 'react';
import { useReachBottom } from '@tarojs/taro';
import type { Page } from '../api';
import { describeError } from './errors';
import { useRemote, type Remote } from './hooks';

export interface Paged<T> {
  /** The first page as a Remote (loading, error, retry); `items` holds every page loaded. */
  first: Remote<Page<T>>;
  items: T[];
  /** A next page exists. */
  hasMore: boolean;
  loadingMore: boolean;
  moreError: string;
  more: () => Promise<void>;
  /** Back to the first page. */
  reset: () => void;
}

/**
 * A list the server pages with an opaque cursor: the first page loads like any read (and again
 * when the page is shown), later pages are added when the shopper scrolls to the bottom
 * (`useReachBottom`) or taps 加载更多. A page that fails keeps what was loaded and can be asked again.
 */
export function usePaged<T>(load: (cursor?: string | null) => Promise<Page<T>>, deps: unknown[] = []): Paged<T> {
  const first = useRemote(() => load(), deps);
  const [more, setMore] = useState<{ of: Page<T> | undefined; items: T[]; cursor: string | null | undefined }>({
    of: undefined,
    items: [],
    cursor: undefined,
  });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState('');
  // Pages loaded after an older first page are dropped when the first page is read again.
  const extra = more.of === first.data ? more : { of: first.data, items: [], cursor: undefined };
  const next = extra.cursor === undefined ? first.data?.cursor : extra.cursor;

  const loadMore = async () => {
    if (!next || loadingMore) return;
    setLoadingMore(true);
    setMoreError('');
    try {
      const page = await load(next);
      setMore({ of: first.data, items: [...extra.items, ...page.items], cursor: page.cursor ?? null });
    } catch (e) {
      setMoreError(describeError(e));
    } finally {
      setLoadingMore(false);
    }
  };
  useReachBottom(() => void loadMore());
  return {
    first,
    items: [...(first.data?.items ?? []), ...extra.items],
    hasMore: !!next,
    loadingMore,
    moreError,
    more: loadMore,
    reset: () => {
      setMore({ of: undefined, items: [], cursor: undefined });
      first.reload();
    },
  };
}
