import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { describeError, isAuthError } from './errors';
import { isRetryable } from '../api/errors';
import { newIdempotencyKey } from './idempotency';
import { clearSession } from './session';
import { ROUTES } from './nav';

export interface Remote<T> {
  data: T | undefined;
  loading: boolean;
  error: string;
  reload: () => void;
}

function toLogin(): void {
  clearSession();
  Taro.navigateTo({ url: ROUTES.login })
    .catch(() => Taro.redirectTo({ url: ROUTES.login }))
    .catch(() => undefined);
}

/** Load data for a page; reloads when the page is shown again (coming back from another page). */
export function useRemote<T>(load: () => Promise<T>, deps: unknown[] = []): Remote<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState('');
  const alive = useRef(true);
  const shownOnce = useRef(false);
  const generation = useRef(0);

  const run = useCallback(() => {
    const mine = ++generation.current;
    setLoading(true);
    setError('');
    load().then(
      (d) => {
        if (!alive.current || mine !== generation.current) return;
        setData(d);
        setLoading(false);
      },
      (e: unknown) => {
        if (!alive.current || mine !== generation.current) return;
        setError(describeError(e));
        setLoading(false);
        if (isAuthError(e)) toLogin();
      },
    );
    // The caller names what `load` depends on, as with useEffect: `deps` is that list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(() => {
    alive.current = true;
    run();
    return () => {
      alive.current = false;
    };
  }, [run]);
  useDidShow(() => {
    // The first show is the mount above; later shows mean the shopper came back.
    if (shownOnce.current) run();
    shownOnce.current = true;
  });
  return { data, loading, error, reload: run };
}

export interface Action<A, R> {
  run: (arg: A) => Promise<R | undefined>;
  running: boolean;
  error: string;
  clearError: () => void;
}

/**
 * A mutating call the shopper starts with a tap. One Idempotency-Key per action: kept when
 * the same action is retried after a network failure, new once it succeeded or was refused.
 * A second tap while the first is in flight does nothing.
 */
export function useAction<A, R>(call: (arg: A, idempotencyKey: string) => Promise<R>): Action<A, R> {
  const busy = useRef(false);
  const pending = useRef<{ key: string; sig: string } | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState('');
  const run = useCallback(
    async (arg: A) => {
      if (busy.current) return undefined;
      busy.current = true;
      setRunning(true);
      setError('');
      const sig = JSON.stringify(arg ?? null);
      if (!pending.current || pending.current.sig !== sig) pending.current = { key: newIdempotencyKey(), sig };
      try {
        const r = await call(arg, pending.current.key);
        pending.current = null;
        return r;
      } catch (e) {
        if (!isRetryable(e)) pending.current = null;
        setError(describeError(e));
        if (isAuthError(e)) toLogin();
        return undefined;
      } finally {
        busy.current = false;
        setRunning(false);
      }
    },
    [call],
  );
  return { run, running, error, clearError: () => setError('') };
}
