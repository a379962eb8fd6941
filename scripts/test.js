#!/usr/bin/env node
// `npm test`: one local stack (in memory, free ports), then every jest project against it.
// Extra arguments go to jest. Exits with jest's code.
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
  await stack.stop();
  process.exit(code);
}

main();
