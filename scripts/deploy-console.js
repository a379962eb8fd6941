#!/usr/bin/env node
// `npm run deploy:console`: builds the staff console and uploads it to its bucket (serverless.yml
// ConsoleBucket), with config.json naming the API. Needs AWS credentials and:
//   API_URL         the deployed HTTP API (e.g. https://abc.execute-api.ap-east-1.amazonaws.com)
//   CONSOLE_BUCKET  the bucket (default greenpoints-console-<STAGE>, STAGE default prod)
// Then open the stack's output ConsoleUrl (and list it in CORS_ORIGINS before `serverless deploy`).
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

function files(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p, base) : [path.relative(base, p).split(path.sep).join('/')];
  });
}

async function main() {
  const apiUrl = process.env.API_URL;
  if (!apiUrl || !/^https:\/\//.test(apiUrl)) throw new Error('set API_URL to the deployed API (https://…)');
  const bucket = process.env.CONSOLE_BUCKET || `greenpoints-console-${process.env.STAGE || 'prod'}`;
  execFileSync('npm', ['run', 'build', '-w', '@greenpoints/console'], { cwd: root, stdio: 'inherit' });
  const dist = path.join(root, 'console/dist');
  fs.writeFileSync(path.join(dist, 'config.json'), JSON.stringify({ apiBase: apiUrl.replace(/\/+$/, '') }));
  const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');
  const s3 = new S3Client({});
  // Hashed assets first and cached for good; index.html and config.json last and never cached,
  // so a browser never loads a page whose scripts are not there yet.
  const all = files(dist).sort((a, b) => Number(/^assets\//.test(b)) - Number(/^assets\//.test(a)));
  for (const key of all) {
    const ext = path.extname(key).toLowerCase();
    const fresh = ext === '.html' || key === 'config.json';
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: fs.readFileSync(path.join(dist, key)),
        ContentType: TYPES[ext] || 'application/octet-stream',
        CacheControl: fresh ? 'no-cache' : 'public, max-age=31536000, immutable',
      }),
    );
    console.log(`[deploy-console] s3://${bucket}/${key}`);
  }
}

main().catch((e) => {
  console.error(`[deploy-console] ${e.message}`);
  process.exit(1);
});
