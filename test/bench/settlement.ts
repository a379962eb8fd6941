// Settlement at scale on DynamoDB Local (also run by `npm run bench`, alone with `--only settlement`):
// N holders (wallets written directly, quota > 0), one day's dividend fund, then settle-day timed
// phase by phase. `npx tsx test/bench/settlement.ts 2000`. Prints per-phase milliseconds and
// holders per second, and checks Σ paid + carry = the fund. Figures: docs/performance.md "Settlement".
import path from 'path';
import { dec } from '@greenpoints/shared';
import { deps } from '../ddb-deps';

/** Settles one day over `n` holders on a fresh table of the current DynamoDB Local. */
export async function settleHolders(n: number, log: (s: string) => void = console.log) {
  process.env.TABLE_NAME = `bench-settle-${Date.now()}`;
  const { ensureTable } = await import('../../functions/src/local/setup');
  await ensureTable();
  const { transact } = await import('../../functions/src/repo/ddb');
  const { walletItem } = await import('../../functions/src/repo/repository');
  const { keys } = await import('../../functions/src/repo/keys');
  const { emptyWallet } = await import('@greenpoints/shared');
  const s = await import('../../functions/src/domain/programme/settlement');
  const { businessDate, addDays } = await import('../../functions/src/domain/calendar');
  const day = '2030-06-01';
  s.settlementHooks.now = () => Date.parse(`${addDays(day, 1)}T12:00:00+08:00`);
  let t = Date.now();
  for (let i = 0; i < n; i += 25) {
    const ops = [];
    for (let j = i; j < Math.min(n, i + 25); j++) {
      const w = { ...emptyWallet(), equity: String(1 + (j % 97)), quota: '100.00' };
      ops.push({ op: 'create' as const, item: walletItem(`u_bench${String(j).padStart(8, '0')}`, w, 1) });
    }
    await transact(ops);
  }
  const fund = '12345.67';
  await transact([
    {
      op: 'create',
      item: { ...keys.divFund(day, 'bench'), type: 'divfund', date: day, amount: fund, at: `${day}T04:00:00Z` },
    },
  ]);
  log(`settlement setup: ${n} holders in ${Date.now() - t} ms (${businessDate(Date.now())})`);
  const phases: Record<string, number> = {};
  let last = Date.now();
  s.settlementHooks.afterStep = (status) => {
    const now = Date.now();
    phases[status] = (phases[status] ?? 0) + (now - last);
    last = now;
  };
  t = Date.now();
  const r = await s.settleDay(deps, day);
  const total = Date.now() - t;
  s.settlementHooks.afterStep = undefined;
  // Holders whose share is under ¥0.01 are participants but not payees.
  if (!dec(r.paid).plus(r.carried).eq(fund) || r.participants !== n) throw new Error('totals do not add up');
  return {
    holders: n,
    seconds: +(total / 1000).toFixed(1),
    holdersPerSecond: +(n / (total / 1000)).toFixed(0),
    phasesMs: phases,
    paid: r.paid,
    carried: r.carried,
    payees: r.payees,
  };
}

async function main() {
  const n = Number(process.argv[2] || 1000);
  const { startDynamoLocal } = require(path.join(__dirname, '../../functions/src/local/ddb-local.js'));
  const { freePort } = require(path.join(__dirname, '../../scripts/stack.js'));
  const ddbLocal = await startDynamoLocal({ port: await freePort(), inMemory: true });
  process.env.STAGE = 'local';
  process.env.DDB_ENDPOINT = ddbLocal.endpoint;
  try {
    console.log(JSON.stringify(await settleHolders(n)));
  } finally {
    await ddbLocal.stop();
  }
}

if (require.main === module)
  main().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
