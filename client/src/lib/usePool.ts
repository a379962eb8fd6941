import type { Params, PoolState } from '@greenpoints/shared';
import { api, type Pool } from '../api';
import { useRemote, type Remote } from './hooks';
import { previewParams, toPoolState } from './pool';

export interface LivePool extends Remote<Pool> {
  /** The engine's view of the pool, for previews; undefined until loaded. */
  state: PoolState | undefined;
  /** The rules' parameters with the live values GET /pool sends (fee, reward ratio, …). */
  params: Params;
}

/** GET /pool for a page, with what the engine's previews need already derived. */
export function usePool(): LivePool {
  const remote = useRemote(() => api.pool());
  return { ...remote, state: remote.data ? toPoolState(remote.data) : undefined, params: previewParams(remote.data) };
}
