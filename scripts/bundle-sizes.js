// How much each Lambda carries: every handler file of serverless.yml bundled as serverless-esbuild
// bundles it (node24, the AWS SDK external), with esbuild's metafile counting the source files
// of functions/src it pulls in and their bytes. `node scripts/bundle-sizes.js [--json]`
// (docs/architecture.md "What a Lambda carries").
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const yml = fs.readFileSync(path.join(root, 'serverless.yml'), 'utf8');
const entries = [...new Set([...yml.matchAll(/handler:\s*(functions\/src\/\S+)\.\w+/g)].map((m) => m[1]))].sort();

async function measure(entry) {
  const r = await esbuild.build({
    entryPoints: [path.join(root, `${entry}.ts`)],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    target: 'node24',
    external: ['@aws-sdk/*'],
    logLevel: 'silent',
  });
  const inputs = Object.entries(r.metafile.inputs).filter(([f]) => f.startsWith('functions/src/'));
  // What is left of functions/src in the bundle after tree-shaking.
  const kept = Object.values(r.metafile.outputs).flatMap((o) => Object.entries(o.inputs));
  return {
    entry,
    files: inputs.length,
    srcBytes: inputs.reduce((a, [, i]) => a + i.bytes, 0),
    srcKept: kept.filter(([f]) => f.startsWith('functions/src/')).reduce((a, [, i]) => a + i.bytesInOutput, 0),
    bundleBytes: r.outputFiles.reduce((a, f) => a + f.contents.length, 0),
  };
}

(async () => {
  process.chdir(root);
  const rows = [];
  for (const e of entries) rows.push(await measure(e));
  if (process.argv.includes('--json')) return console.log(JSON.stringify(rows, null, 2));
  console.log('handler file                          src files  src KB  src in bundle KB  bundle KB');
  for (const r of rows)
    console.log(
      `${r.entry.replace('functions/src/', '').padEnd(38)}${String(r.files).padStart(9)}${(r.srcBytes / 1024).toFixed(0).padStart(8)}${(r.srcKept / 1024).toFixed(0).padStart(18)}${(r.bundleBytes / 1024).toFixed(0).padStart(11)}`,
    );
})();
