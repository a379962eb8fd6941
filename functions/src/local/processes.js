// Child processes of the local stack (CommonJS, used by ddb-local.js and scripts/stack.js):
// start a server and wait until its port accepts connections; stop it politely, then firmly.
const { spawn } = require('child_process');
const net = require('net');

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

/**
 * SIGTERM, then SIGKILL after `graceMs`; resolves when the child has exited. `group`: the child
 * was spawned detached, so signal its whole process group (its own children too).
 */
function stopChild(child, { graceMs = 3000, group = false } = {}) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    const signal = (sig) => {
      try {
        if (group) process.kill(-child.pid, sig);
        else child.kill(sig);
      } catch {
        if (sig === 'SIGTERM') child.kill(sig); // no such group: the child alone
      }
    };
    signal('SIGTERM');
    setTimeout(() => child.exitCode === null && signal('SIGKILL'), graceMs).unref();
  });
}

/**
 * Spawns a server and resolves with the child once `port` accepts connections. If it exits
 * first (or never listens) it is stopped and the error carries its last output.
 * `onOutput` sees every chunk of stdout/stderr.
 */
async function startServer(name, cmd, args, spawnOpts, { port, timeoutMs, keepChars = 4000, onOutput, stop = {} }) {
  const child = spawn(cmd, args, { ...spawnOpts, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (b) => {
    const s = b.toString();
    output = (output + s).slice(-keepChars);
    if (onOutput) onOutput(s);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((_, reject) =>
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}):\n${output}`))),
  );
  exited.catch(() => undefined);
  try {
    await Promise.race([waitForPort(port, timeoutMs), exited]);
  } catch (e) {
    await stopChild(child, stop);
    throw e;
  }
  return child;
}

module.exports = { waitForPort, stopChild, startServer };
