#!/usr/bin/env node
// `npm test`: one local stack (in memory, free ports), then every jest project against it.
// Extra arguments go to jest. Then `staff reconcile` over the whole table. Exits non-zero if
// jest failed or the table does not reconcile.
const { spawn } = require('child_process');
const path = require('path');
const { startStack } = require('./stack');

async function main() {
  const root = path.resolve(__dirname, '..');
  let stack;
  try {
    stack = await startStack({ inMemory: true, withH5: !process.env.TEST_NO_H5 });
  } catch (e) {
    console.error(`[test] could not start the local stack: ${e.message}`);
    process.exit(1);
  }
  const env = { ...process.env, API_URL: stack.apiUrl, DDB_ENDPOINT: stack.ddbEndpoint, STAGE: 'local', TABLE_NAME: process.env.TABLE_NAME || 'greenpoints-local' };
  if (stack.h5Url) env.H5_URL = stack.h5Url;
  const args = ['jest', '--testSequencer', path.join(root, 'test/integration/sequencer.js'), ...process.argv.slice(2)];
  const code = await new Promise((resolve) => {
    const c = spawn('npx', args, { cwd: root, env, stdio: 'inherit' });
    c.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
  // After the suite the whole table must reconcile (MODEL.md invariants), whatever ran.
  const rec = await new Promise((resolve) => {
    const c = spawn('npx', ['tsx', path.join(root, 'functions/src/staff/cli.ts'), 'reconcile'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    c.stdout.on('data', (b) => (out += b));
    c.on('exit', (rc) => resolve({ rc: rc ?? 1, out }));
  });
  if (rec.rc !== 0) {
    console.error('[test] reconcile after the suite is NOT clean:\n' + rec.out);
  } else {
    console.log('[test] reconcile after the suite: clean');
  }
  await stack.stop();
  process.exit(code || (rec.rc !== 0 ? 1 : 0));
}

main();
