#!/usr/bin/env node
// `npm run test:soak`: a stack of its own (DynamoDB Local in memory, the offline API), then the
// randomized system test at soak size (test/chaos/soak.ts; SOAK_OPS, SEED), then the stack stops.
const { spawn } = require('child_process');
const path = require('path');
const { startStack, stackEnv } = require('./stack');

async function main() {
  const root = path.resolve(__dirname, '..');
  const stack = await startStack({ inMemory: true, withH5: false });
  const env = stackEnv(stack);
  const code = await new Promise((resolve) => {
    const c = spawn('npx', ['tsx', path.join(root, 'test/chaos/soak.ts')], { cwd: root, env, stdio: 'inherit' });
    c.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
  await stack.stop();
  process.exit(code);
}

main().catch((e) => {
  console.error(`[soak] ${e.stack || e}`);
  process.exit(1);
});
