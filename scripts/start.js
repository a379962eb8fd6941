#!/usr/bin/env node
// `npm start`: DynamoDB Local (data under .data/ or DATA_DIR, or --in-memory), the offline API,
// the H5 app (--no-h5 to skip) and the staff console (--no-console to skip).
// Ports: DDB_PORT 8000, API_PORT 3000, H5_PORT 10086, CONSOLE_PORT 10087.
// Ctrl-C stops everything it started.
const { startStack } = require('./stack');

async function main() {
  const inMemory = process.argv.includes('--in-memory');
  const env = (k, d) => Number(process.env[k] || d);
  let stack;
  try {
    stack = await startStack({
      ddbPort: env('DDB_PORT', 8000),
      apiPort: env('API_PORT', 3000),
      h5Port: env('H5_PORT', 10086),
      inMemory,
      dataDir: process.env.DATA_DIR || undefined, // default .data/dynamodb
      withH5: !process.argv.includes('--no-h5'),
      consolePort: env('CONSOLE_PORT', 10087),
      withConsole: !process.argv.includes('--no-console'),
    });
  } catch (e) {
    console.error(`[start] ${e.message}`);
    process.exit(1);
  }
  console.log('');
  console.log(`  API        ${stack.apiUrl}   (try: curl ${stack.apiUrl}/products)`);
  if (stack.h5Url) console.log(`  H5 app     ${stack.h5Url}`);
  if (stack.consoleUrl) console.log(`  console    ${stack.consoleUrl}   (staff sign-in: README "Staff console")`);
  console.log(`  DynamoDB   ${stack.ddbEndpoint}`);
  console.log(`  staff      npm run staff -- reconcile`);
  console.log(`  API logs   ${stack.logFile}`);
  console.log('');
  console.log('  Ctrl-C to stop.');
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\n[start] stopping …');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main();
