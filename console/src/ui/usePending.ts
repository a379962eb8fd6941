// Money moves waiting for a second signature (list-requests), by the id they act on, so a
// queue can show 待复核 beside each of them.
import { useCallback, useEffect, useState } from 'react';
import { listRequests, type ApprovalRequest } from '../api';

/** Still waiting and still within its 24 hours. */
export const isOpen = (r: ApprovalRequest) => r.status === 'pending' && !r.expired;

export function usePending(
  fn: string,
  idField: string,
): [Record<string, string>, (id: string, approvalId: string) => void] {
  const [map, setMap] = useState<Record<string, string>>({});
  useEffect(() => {
    let live = true;
    listRequests().then(
      (rs) => {
        const found: Record<string, string> = {};
        for (const r of rs) {
          const id = (r.input as Record<string, unknown> | undefined)?.[idField];
          if (r.fn === fn && isOpen(r) && typeof id === 'string') found[id] = r.approvalId;
        }
        if (live) setMap((m) => ({ ...found, ...m }));
      },
      () => undefined, // the queue still works without the badges
    );
    return () => {
      live = false;
    };
  }, [fn, idField]);
  const add = useCallback((id: string, approvalId: string) => setMap((m) => ({ ...m, [id]: approvalId })), []);
  return [map, add];
}
