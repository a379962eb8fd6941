// The randomized system test in `npm test` (test/chaos): 50 users and 3 staff at once over HTTP
// with faults injected at the repository layer, then the table checked against the reconcile and
// the test's own model. CHAOS_OPS (default 800) sets the size; SEED=... repeats a run's choices.
import { runChaos, seedFromEnv, summaryText } from '../chaos/run';

const seed = seedFromEnv();
const ops = Number(process.env.CHAOS_OPS || 800);

afterAll(async () => {
  (await import('../../functions/src/repo/faults')).clearFaultPlan();
});

it(`${ops} random operations by 50 users with faults: the end state is the ledger replayed (SEED=${seed})`, async () => {
  let summary;
  try {
    summary = await runChaos({ seed, ops, log: (s) => console.log(s) });
  } catch (e) {
    throw new Error(`the randomized run failed (repeat with SEED=${seed}): ${(e as Error).stack}`, { cause: e });
  }
  console.log(summaryText(summary));
  expect(summary.operations).toBeGreaterThanOrEqual(ops);
  expect(Object.values(summary.faults).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  expect({ seed, violations: summary.violations, reconcile: summary.reconcile.problems }).toEqual({
    seed,
    violations: [],
    reconcile: [],
  });
}, 600000);
