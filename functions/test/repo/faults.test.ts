// Fault injection exists only in the local stack: outside STAGE=local (or inside real Lambda)
// no plan can be set, none is installed on the client, and a plan file on disk is ignored.
import { existsSync } from 'fs';
import {
  clearFaultPlan,
  faultCounts,
  faultPlanPath,
  faultsAllowed,
  installFaults,
  resetFaultCounts,
  setFaultPlan,
} from '../../src/repo/faults';

type Mw = (
  next: (a: { input: object }) => Promise<unknown>,
  ctx: { commandName?: string },
) => (a: { input: object }) => Promise<unknown>;
function fakeClient() {
  const added: Mw[] = [];
  return { added, middlewareStack: { add: (mw: Mw) => void added.push(mw) } };
}
const saved = { ...process.env };
beforeEach(() => {
  process.env.DDB_ENDPOINT = `http://127.0.0.1:1/faults-test-${process.pid}`;
  process.env.TABLE_NAME = 'faults-test';
  delete process.env.AWS_LAMBDA_FUNCTION_NAME;
  delete process.env.AWS_EXECUTION_ENV;
  delete process.env.IS_OFFLINE;
});
afterEach(() => {
  process.env.STAGE = 'local';
  clearFaultPlan();
  resetFaultCounts();
  process.env = { ...saved };
});

describe('fault injection outside the local stage', () => {
  it.each(['prod', 'staging', '', undefined])('STAGE=%s: refused, nothing installed', (stage) => {
    if (stage === undefined) delete process.env.STAGE;
    else process.env.STAGE = stage;
    expect(faultsAllowed()).toBe(false);
    expect(() => setFaultPlan({ seed: 1, rates: { timeout: 0.5 } })).toThrow(/only in the local stage/);
    expect(existsSync(faultPlanPath())).toBe(false);
    const c = fakeClient();
    installFaults(c);
    expect(c.added).toHaveLength(0);
  });

  it('STAGE=local inside real Lambda (not serverless-offline): refused', () => {
    process.env.STAGE = 'local';
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'greenpoints-local-sell';
    expect(faultsAllowed()).toBe(false);
    expect(() => setFaultPlan({ seed: 1, rates: { timeout: 0.5 } })).toThrow(/only in the local stage/);
    process.env.IS_OFFLINE = 'true'; // serverless-offline sets both
    expect(faultsAllowed()).toBe(true);
    process.env.AWS_EXECUTION_ENV = 'AWS_Lambda_nodejs24.x'; // only the real runtime sets this
    expect(faultsAllowed()).toBe(false);
  });

  it('a plan file left on disk does nothing once the stage is not local', async () => {
    process.env.STAGE = 'local';
    const c = fakeClient();
    installFaults(c);
    expect(c.added).toHaveLength(1);
    setFaultPlan({ seed: 7, rates: { timeout: 0.5 } });
    const mw = c.added[0]!;
    let sent = 0;
    const run = () => mw(async () => ++sent, { commandName: 'GetItemCommand' })({ input: {} });
    await new Promise((r) => setTimeout(r, 150)); // the plan is re-read at most every 100 ms
    const local = await Promise.allSettled(Array.from({ length: 40 }, run));
    expect(local.filter((r) => r.status === 'rejected').length).toBeGreaterThan(0);
    expect(faultCounts().timeout).toBe(local.filter((r) => r.status === 'rejected').length);
    process.env.STAGE = 'prod';
    const prod = await Promise.allSettled(Array.from({ length: 40 }, run));
    expect(prod.every((r) => r.status === 'fulfilled')).toBe(true);
  });
});

describe('fault plans', () => {
  beforeEach(() => {
    process.env.STAGE = 'local';
  });
  it('refuses unknown kinds and rates out of 0..0.5', () => {
    expect(() => setFaultPlan({ seed: 1, rates: { meteor: 0.1 } as never })).toThrow(/unknown fault kind/);
    expect(() => setFaultPlan({ seed: 1, rates: { timeout: 0.9 } })).toThrow(/not in 0..0.5/);
  });

  it('lostAnswer: the write is sent, then the caller sees a timeout', async () => {
    const c = fakeClient();
    installFaults(c);
    setFaultPlan({ seed: 3, rates: { lostAnswer: 0.5 } });
    await new Promise((r) => setTimeout(r, 150));
    let sent = 0;
    const rs = await Promise.allSettled(
      Array.from({ length: 40 }, () =>
        c.added[0]!(async () => ++sent, { commandName: 'PutItemCommand' })({ input: {} }),
      ),
    );
    const failed = rs.filter((r) => r.status === 'rejected');
    expect(failed.length).toBeGreaterThan(0);
    expect(sent).toBe(40); // every write reached the table, answered or not
    expect(String((failed[0] as PromiseRejectedResult).reason.name)).toBe('TimeoutError');
  });
});
