// A paged staff query: the first page on load (and when `key` changes), then "加载更多".
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../api';
import { showError } from './errors';

export interface Paged<R> {
  rows: R[];
  loading: boolean;
  hasMore: boolean;
  more: () => void;
  reload: () => void;
}

export function usePaged<R>(fetchPage: (cursor?: string) => Promise<Page<R>>, key: string): Paged<R> {
  const [rows, setRows] = useState<R[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const load = useCallback(async (from: string | undefined, append: boolean) => {
    setLoading(true);
    try {
      const p = await fetchRef.current(from);
      setRows((old) => (append ? [...old, ...p.rows] : p.rows));
      setCursor(p.cursor);
    } catch (e) {
      showError(e);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(undefined, false);
  }, [key, tick, load]);

  return {
    rows,
    loading,
    hasMore: !!cursor,
    more: () => void load(cursor, true),
    reload: () => setTick((t) => t + 1),
  };
}
