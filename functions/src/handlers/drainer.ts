// The pool's drainer (docs/performance.md "Who drains"): the one function that owns drains on
// AWS. The table's stream wakes it when a queue entry is written (serverless.yml `poolDrainer`,
// reserved concurrency 1: one drainer at a time, no lease fight), and a schedule once a minute as
// a net. It drains until the queue is empty or its time budget is spent, in the foreground: the
// lease is released before it answers, so a frozen environment never holds it. What the stream
// records say is not read: any wake-up means "drain", and the drain reads the queue itself.
import type { Context } from 'aws-lambda';
import { drainUntilEmpty } from '../domain/wallet/applier';
import { core } from '../wiring/core';
import { pool } from '../wiring/pool';
import { withLogKeys, log } from '../log';

const deps = { ...core, ...pool };

/** Time kept back from the function's timeout: one more batch and the lease's release. */
export const DRAIN_MARGIN_MS = 10_000;
/** The budget when run without a Lambda context (the local stack, tests). */
export const DEFAULT_BUDGET_MS = 20_000;

export interface DrainerResult {
  drained: boolean;
  ms: number;
}

export async function handler(_event: unknown, context?: Pick<Context, 'getRemainingTimeInMillis' | 'awsRequestId'>) {
  const budget = context ? Math.max(1000, context.getRemainingTimeInMillis() - DRAIN_MARGIN_MS) : DEFAULT_BUDGET_MS;
  return withLogKeys({ requestId: context?.awsRequestId ?? 'drainer', fn: 'pool-drainer' }, async () => {
    const t0 = Date.now();
    const drained = await drainUntilEmpty(deps, budget);
    const r: DrainerResult = { drained, ms: Date.now() - t0 };
    // Not empty within the budget: the next stream record or the schedule starts the next run.
    if (!drained) log.warn('pool drainer: budget spent with events still queued', { ...r });
    return r;
  });
}
