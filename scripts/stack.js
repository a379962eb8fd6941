// The local stack: DynamoDB Local, the table and seed, the offline API (serverless-offline),
// the H5 app when its server module exists, and the staff console. Used by `npm start` and `npm test`.
const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const { startDynamoLocal } = require('../functions/src/local/ddb-local.js');
const { startServer, stopChild } = require('../functions/src/local/processes.js');

// serverless offline runs in its own process group: stopping it stops its esbuild children too.
const OFFLINE_STOP = { group: true, graceMs: 4000 };

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

let tsxRegistered = false;
function requireTs(file) {
  if (!tsxRegistered) {
    require('tsx/cjs/api').register();
    tsxRegistered = true;
  }
  return require(file);
}

/** Creates the table (if missing) and seeds demo products, in this process. */
async function setupTable(ddbEndpoint) {
  process.env.STAGE = 'local';
  process.env.DDB_ENDPOINT = ddbEndpoint;
  const { setupLocal } = requireTs(path.join(root, 'functions/src/local/setup.ts'));
  return setupLocal();
}

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function run(cmd, args, env) {
  return new Promise((resolve, reject) => {
    const c = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit' });
    c.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}`))));
  });
}

async function startH5(h5Port, apiUrl, log) {
  const serveModule = path.join(root, 'client/scripts/serve-h5.js');
  if (!fs.existsSync(serveModule)) {
    log(`[stack] H5 skipped: ${path.relative(root, serveModule)} does not exist yet`);
    return undefined;
  }
  const index = path.join(root, 'client/dist/h5/index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const sources = Math.max(
    newestMtime(path.join(root, 'client/src')),
    newestMtime(path.join(root, 'shared/src')),
    newestMtime(path.join(root, 'client/config')),
  );
  if (built < sources) {
    log('[stack] building the H5 app (npm run build:h5) …');
    await run('npm', ['run', 'build:h5', '-w', '@greenpoints/client'], { TARO_APP_API_BASE: '/api' });
  }
  const { startH5Server } = require(serveModule);
  const server = await startH5Server({
    host: '127.0.0.1',
    port: h5Port,
    dir: path.join(root, 'client/dist/h5'),
    apiUrl,
  });
  return server;
}

/** Builds the staff console when its sources are newer than the build, then serves it. */
async function startConsole(consolePort, apiUrl, log) {
  const dir = path.join(root, 'console');
  const index = path.join(dir, 'dist/index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const sources = Math.max(
    newestMtime(path.join(dir, 'src')),
    newestMtime(path.join(root, 'shared/src')),
    fs.statSync(path.join(dir, 'index.html')).mtimeMs,
    fs.statSync(path.join(dir, 'vite.config.mts')).mtimeMs,
  );
  if (built < sources) {
    log('[stack] building the staff console (npm run build -w @greenpoints/console) …');
    await run('npm', ['run', 'build', '-w', '@greenpoints/console']);
  }
  const { startConsoleServer } = require(path.join(dir, 'scripts/serve-console.js'));
  return startConsoleServer({ host: '127.0.0.1', port: consolePort, dir: path.join(dir, 'dist'), apiUrl });
}

async function startOffline({ apiPort, ddbEndpoint, log, tableName, corsOrigins, logFile }) {
  // A second API started by a test (e.g. with other limits) logs to a file of its own.
  logFile = logFile || path.join(os.tmpdir(), `greenpoints-offline-${apiPort}.log`);
  const lambdaPort = await freePort();
  const env = {
    ...process.env,
    STAGE: 'local',
    DDB_ENDPOINT: ddbEndpoint,
    TABLE_NAME: tableName,
    // Each stack builds into its own folder, so npm start and npm test can run side by side.
    ESBUILD_WORK_FOLDER: `.esbuild/${apiPort}`,
    CORS_ORIGINS: corsOrigins,
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
  };
  const args = [
    path.join(root, 'node_modules/serverless/bin/serverless.js'),
    'offline',
    'start',
    '--stage',
    'local',
    '--host',
    '127.0.0.1',
    '--httpPort',
    String(apiPort),
    '--lambdaPort',
    String(lambdaPort),
    '--noPrependStageInUrl',
    '--useInProcess',
    '--noTimeout',
  ];
  // Everything the offline process prints (the handlers' JSON log lines included) goes to one
  // file, so a test can read what a scenario logged.
  const out = fs.createWriteStream(logFile, { flags: 'a' });
  const child = await startServer(
    'serverless offline',
    process.execPath,
    args,
    { cwd: root, env, detached: true },
    {
      port: apiPort,
      timeoutMs: 90000,
      keepChars: 8000,
      stop: OFFLINE_STOP,
      onOutput: (s) => {
        out.write(s);
        if (log && process.env.STACK_VERBOSE) log(s.trimEnd());
        // Errors in handlers are printed by the offline process: show them.
        // (Faults the randomized test injects on purpose are not news.)
        if (
          /"message":"internal"|\[internal\]|Error:/.test(s) &&
          !/\[injected\]|injected: true|"injected":true/.test(s) &&
          process.env.STACK_QUIET !== '1'
        )
          process.stderr.write(s);
      },
    },
  );
  child.once('exit', () => out.end());
  return {
    child,
    stop: () => stopChild(child, OFFLINE_STOP),
  };
}

/**
 * startStack({ ddbPort, apiPort, h5Port, consolePort, inMemory, dataDir, withH5, withConsole, logFile })
 *   -> { apiUrl, h5Url, consoleUrl, ddbEndpoint, logFile, stop() }
 * Ports default to free random ones. The API grants CORS to the H5 and console origins only
 * (http://127.0.0.1:<port>, http://localhost:<port> of each); its output goes to `logFile`.
 */
async function startStack(opts = {}) {
  const log = opts.log || ((s) => console.log(s));
  const ddbPort = opts.ddbPort || (await freePort());
  const apiPort = opts.apiPort || (await freePort());
  const h5Port = opts.h5Port || (await freePort());
  const consolePort = opts.consolePort || (await freePort());
  const corsOrigins = [h5Port, consolePort].map((p) => `http://127.0.0.1:${p},http://localhost:${p}`).join(',');
  const logFile = opts.logFile || path.join(os.tmpdir(), `greenpoints-offline-${apiPort}.log`);
  fs.rmSync(logFile, { force: true });
  const tableName = opts.tableName || process.env.TABLE_NAME || 'greenpoints-local';
  const stops = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    const t0 = Date.now();
    const ddb = await startDynamoLocal({
      port: ddbPort,
      inMemory: !!opts.inMemory,
      dbPath: opts.dataDir || path.join(root, '.data/dynamodb'),
    });
    stops.push(ddb.stop);
    process.env.TABLE_NAME = tableName;
    const setup = await setupTable(ddb.endpoint);
    log(
      `[stack] DynamoDB Local on ${ddb.endpoint} (${opts.inMemory ? 'in memory' : 'data in ' + path.relative(root, opts.dataDir || path.join(root, '.data/dynamodb'))}); table ${setup.created ? 'created' : 'kept'}, ${setup.seeded} products seeded (${Date.now() - t0} ms)`,
    );
    const t1 = Date.now();
    const api = await startOffline({ apiPort, ddbEndpoint: ddb.endpoint, log, tableName, corsOrigins, logFile });
    stops.push(api.stop);
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    log(`[stack] API on ${apiUrl} (offline ready in ${Date.now() - t1} ms)`);
    let h5Url;
    if (opts.withH5) {
      const h5 = await startH5(h5Port, apiUrl, log);
      if (h5) {
        stops.push(async () => {
          // serve-h5.js answers close() with a promise (it also drops keep-alive sockets).
          if (typeof h5.close === 'function') await h5.close();
          else if (typeof h5.stop === 'function') await h5.stop();
        });
        h5Url = `http://127.0.0.1:${h5Port}`;
      }
    }
    let consoleUrl;
    if (opts.withConsole) {
      const server = await startConsole(consolePort, apiUrl, log);
      stops.push(() => server.close());
      consoleUrl = server.url;
    }
    return { apiUrl, h5Url, consoleUrl, ddbEndpoint: ddb.endpoint, logFile, corsOrigins, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** The environment a test process runs in against a started stack (the local stage, its table). */
function stackEnv(stack, base = process.env) {
  return {
    ...base,
    API_URL: stack.apiUrl,
    DDB_ENDPOINT: stack.ddbEndpoint,
    STAGE: 'local',
    TABLE_NAME: base.TABLE_NAME || 'greenpoints-local',
  };
}

module.exports = { startStack, freePort, startOffline, stackEnv };
