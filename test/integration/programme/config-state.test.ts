// set-config checks a parameter against the state it governs, not only against its own range
// (issue 12): a supply cap below the points already issued would make I1 false from then on, and
// an issue price changed after the first order would be stored and never used.
import { buy, fn, login, product, reconcileClean, staff, freshTable, setConfig } from './world';

beforeAll(async () => {
  await freshTable('cfgstate');
  await product('cfg-100', '100.00', '30.00', '0.00');
});

async function configVersion(): Promise<number> {
  return (await (await fn.repo()).getParams(true)).version;
}

it('the issue price may change while nothing was issued, and is fixed after the first order', async () => {
  expect((await setConfig({ issuePrice: '2' })).params.issuePrice).toBe('2');
  await setConfig({ issuePrice: '1' });
  const u = await login('cfg-a');
  expect((await buy(u, 'cfg-100')).pointsGranted).toBe('21'); // 30 × 0.7 / 1
  const v = await configVersion();
  const r = await staff('set-config', { change: { issuePrice: '2' } });
  expect(r.error.code).toBe('issue_price_fixed');
  expect(await configVersion()).toBe(v);
});

it('refuses a supply cap below the 21 points issued, accepts exactly 21', async () => {
  const v = await configVersion();
  const below = await staff('set-config', { change: { supplyCap: '20.999999' } });
  expect(below.error).toEqual({
    code: 'supply_cap_below_issued',
    message: 'supplyCap 20.999999 is below the 21 points already issued',
  });
  expect(await configVersion()).toBe(v);
  expect((await setConfig({ supplyCap: '21' })).params.supplyCap).toBe('21');
  expect(await reconcileClean()).toEqual([]);
  // Every point is issued: the next order grants nothing, and still the cap holds (I1).
  const u = await login('cfg-b');
  expect((await buy(u, 'cfg-100')).pointsGranted).toBe('0');
  await setConfig({ supplyCap: '100000000' });
  expect(await reconcileClean()).toEqual([]);
});
