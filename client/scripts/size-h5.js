// `npm run size:h5`: the JavaScript the H5 app's index.html loads, gzipped (level 6, what a
// typical server sends), against the 200 KB budget. Pages load their own chunks afterwards;
// the e2e test measures what the home page fetches in Chromium on top of this.
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const BUDGET = 200 * 1024;
const dir = path.resolve(__dirname, '../dist/h5');
const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
let raw = 0;
let gz = 0;
for (const src of scripts) {
  const buf = fs.readFileSync(path.join(dir, src.replace(/^\//, '')));
  const z = zlib.gzipSync(buf, { level: 6 }).length;
  raw += buf.length;
  gz += z;
  console.log(
    `${src.padEnd(28)} ${(buf.length / 1024).toFixed(1).padStart(7)} KB  ${(z / 1024).toFixed(1).padStart(6)} KB gzipped`,
  );
}
console.log(
  `first load: ${scripts.length} scripts, ${(raw / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(1)} KB gzipped (budget ${BUDGET / 1024} KB)`,
);
process.exit(gz <= BUDGET ? 0 : 1);
