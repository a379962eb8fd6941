// The default stage of serverless.yml is production (issue 13 item 0): `serverless package` with
// no --stage builds stage prod, refuses to build without the production secrets, and with CI's
// placeholders builds a template where no function runs STAGE=local and every one has a secret.
import { execFile } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

const root = path.join(__dirname, '../../..');
const sls = path.join(root, 'node_modules/serverless/bin/serverless.js');
const { REQUIRED } = require(path.join(root, 'scripts/serverless-secrets.js')) as { REQUIRED: string[] };

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-package-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The CI placeholders (README "Deploying"): public, so the code and deploy refuse them. */
const placeholders = Object.fromEntries(
  REQUIRED.map((k) => [
    k,
    k === 'WECHAT_API_V3_KEY' ? 'placeholder-apiv3-key-0000000000' : `placeholder-${k}-ci-only-0000000000000`,
  ]),
);

function packageDefault(env: Record<string, string>, out: string): Promise<{ code: number; output: string }> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !REQUIRED.includes(k) && k !== 'STAGE'));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [sls, 'package', '--package', out],
      {
        cwd: root,
        env: {
          ...base,
          ...env,
          SLS_TELEMETRY_DISABLED: '1',
          SLS_NOTIFICATIONS_MODE: 'off',
          ESBUILD_WORK_FOLDER: path.join(tmp, 'esbuild'),
        },
        timeout: 170_000,
      },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

test('without the production secrets the default stage stops with a message naming them', async () => {
  const r = await packageDefault({}, path.join(tmp, 'nosecrets'));
  expect(r.code).not.toBe(0);
  expect(r.output).toContain('stage "prod" stops here: not set: JWT_SECRET, POOL_LOG_SALT, WECHAT_APPID');
  expect(fs.existsSync(path.join(tmp, 'nosecrets', 'cloudformation-template-update-stack.json'))).toBe(false);
}, 180_000);

test('with placeholders it packages stage prod: no STAGE=local, a JWT secret everywhere, nodejs24.x', async () => {
  const out = path.join(tmp, 'prod');
  const r = await packageDefault(placeholders, out);
  expect(r.output).toContain('Packaging greenpoints for stage prod');
  expect(r.code).toBe(0);
  const t = JSON.parse(fs.readFileSync(path.join(out, 'cloudformation-template-update-stack.json'), 'utf8'));
  const fns = Object.values(t.Resources as Record<string, { Type: string; Properties: any }>).filter(
    (res) => res.Type === 'AWS::Lambda::Function',
  );
  expect(fns.length).toBeGreaterThanOrEqual(30);
  for (const f of fns) {
    const env = f.Properties.Environment.Variables as Record<string, string>;
    expect(f.Properties.Runtime).toBe('nodejs24.x');
    expect(env.STAGE).toBe('prod');
    expect(env.JWT_SECRET).toBe(placeholders.JWT_SECRET);
    expect(env.DDB_ENDPOINT).toBe('');
  }
  expect(JSON.stringify(t)).not.toContain('"STAGE":"local"');
  // The staff console's bucket is private: only its CloudFront distribution reads it.
  const bucket = t.Resources.ConsoleBucket.Properties;
  expect(bucket.PublicAccessBlockConfiguration).toEqual({
    BlockPublicAcls: true,
    IgnorePublicAcls: true,
    BlockPublicPolicy: true,
    RestrictPublicBuckets: true,
  });
  const read = t.Resources.ConsoleReadPolicy.Properties.PolicyDocument.Statement;
  expect(read).toHaveLength(1);
  expect(read[0].Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
  expect(read[0].Action).toEqual(['s3:GetObject']);
  expect(t.Resources.ConsoleDistribution.Properties.DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy).toBe(
    'redirect-to-https',
  );
}, 180_000);

test('the deploy check refuses placeholders and the local stage', () => {
  const { secretProblems } = require(path.join(root, 'scripts/serverless-secrets.js'));
  expect(secretProblems('prod', placeholders, false)).toEqual([]);
  expect(secretProblems('prod', placeholders, true)).toEqual([
    `placeholders cannot be deployed: ${REQUIRED.join(', ')}`,
  ]);
  expect(secretProblems('local', {}, false)).toEqual([]);
  expect(secretProblems('local', {}, true)[0]).toMatch(/only in serverless-offline/);
  expect(secretProblems('prod', { ...placeholders, JWT_SECRET: 'short' }, false)).toEqual([
    'JWT_SECRET must be at least 32 bytes',
  ]);
});
