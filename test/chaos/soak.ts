// `npm run test:soak`: the randomized system test at soak size against a stack of its own
// (scripts/soak.js starts it). SOAK_OPS (default 10000), SEED, SOAK_JSON=<file> for the figures.
import { writeFileSync } from 'fs';
import { runChaos, seedFromEnv, summaryText } from './run';

async function main(): Promise<void> {
  const seed = seedFromEnv();
  const ops = Number(process.env.SOAK_OPS || 10000);
  console.log(`[soak] SEED=${seed} SOAK_OPS=${ops}`);
  // Its own stack: nothing runs after it, so it may settle today and the days after.
  const s = await runChaos({ seed, ops, settleAhead: true, log: (l) => console.log(l) });
  console.log(summaryText(s));
  if (process.env.SOAK_JSON) writeFileSync(process.env.SOAK_JSON, JSON.stringify(s, null, 2));
  const ok = s.violations.length === 0 && s.reconcile.clean && s.operations >= ops;
  if (!ok) console.error(`[soak] FAILED: repeat with SEED=${seed}`);
  process.exit(ok ? 0 : 1);
}

main().catch(async (e) => {
  console.error(`[soak] crashed (SEED=${process.env.SEED ?? 'random, see above'}):`, e);
  (await import('../../functions/src/repo/faults')).clearFaultPlan();
  process.exit(1);
});
