#!/usr/bin/env node
// `npm test`: one local stack (in memory, free ports), then every jest project against it.
// Extra arguments go to jest. Then `staff reconcile` over the whole table. Exits non-zero if
// jest failed or the table does not reconcile.
// CI reads only the closing line, so the very last line is `<N> passed, <M> failed[, <K> skipped]`,
// counted from jest's own JSON report plus the reconcile as one more test.
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { startStack, stackEnv } = require('./stack');

/** The closing line's counts from jest's --json report (undefined: jest wrote none). */
function countsFrom(report, jestCode) {
  if (!report) return { passed: 0, failed: 1, skipped: 0 }; // jest crashed before reporting
  const passed = report.numPassedTests;
  // A test file that cannot run (syntax error, failing import) has no failed tests of its own
  // but is a failure all the same: count it as one.
  let failed = report.numFailedTests + (report.numRuntimeErrorTestSuites || 0);
  // Whatever else made jest fail (e.g. no tests matched, a global setup error) must show too.
  if (jestCode !== 0 && failed === 0) failed = 1;
  const skipped = report.numPendingTests + (report.numTodoTests || 0);
  return { passed, failed, skipped };
}

function closingLine({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}

function readReport(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

async function main() {
  const root = path.resolve(__dirname, '..');
  let stack;
  try {
    stack = await startStack({
      inMemory: true,
      withH5: !process.env.TEST_NO_H5,
      withConsole: !process.env.TEST_NO_CONSOLE,
    });
  } catch (e) {
    console.error(`[test] could not start the local stack: ${e.message}`);
    console.log(closingLine({ passed: 0, failed: 1, skipped: 0 }));
    process.exit(1);
  }
  const env = stackEnv(stack);
  if (stack.h5Url) env.H5_URL = stack.h5Url;
  if (stack.consoleUrl) env.CONSOLE_URL = stack.consoleUrl;
  // What the offline API printed (its JSON log lines) and the origins it grants CORS to.
  env.STACK_LOG_FILE = stack.logFile;
  // Handlers the tests call in process log too: warnings and errors only, to keep jest readable.
  env.LOG_LEVEL = process.env.LOG_LEVEL || 'WARN';
  env.CORS_ORIGINS = stack.corsOrigins;
  const reportFile = path.join(os.tmpdir(), `greenpoints-jest-${process.pid}-${Date.now()}.json`);
  // --outputFile keeps jest's human report on the console and writes the JSON beside it.
  // One test file at a time: several integration suites compare the whole pool before and
  // after, so a parallel suite moving the pool would break them (2 cores run one worker anyway).
  const workers = process.argv
    .slice(2)
    .some((a) => a.startsWith('--maxWorkers') || a === '-w' || a === '--runInBand' || a === '-i')
    ? []
    : ['--maxWorkers=1'];
  const args = [
    'jest',
    '--testSequencer',
    path.join(root, 'test/integration/sequencer.js'),
    ...workers,
    '--json',
    `--outputFile=${reportFile}`,
    ...process.argv.slice(2),
  ];
  const code = await new Promise((resolve) => {
    const c = spawn('npx', args, { cwd: root, env, stdio: 'inherit' });
    c.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
  const counts = countsFrom(readReport(reportFile), code);
  // After the suite the whole table must reconcile (docs/rules.md invariants), whatever ran.
  const rec = await new Promise((resolve) => {
    const c = spawn('npx', ['tsx', path.join(root, 'functions/src/staff/cli.ts'), 'reconcile'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    c.stdout.on('data', (b) => (out += b));
    c.on('exit', (rc) => resolve({ rc: rc ?? 1, out }));
  });
  if (rec.rc !== 0) {
    console.error('[test] reconcile after the suite is NOT clean:\n' + rec.out);
    counts.failed += 1;
  } else {
    console.log('[test] reconcile after the suite: clean');
    counts.passed += 1;
  }
  await stack.stop();
  console.log(closingLine(counts));
  process.exit(code || (rec.rc !== 0 ? 1 : 0));
}

if (require.main === module) main();

module.exports = { countsFrom, closingLine };
