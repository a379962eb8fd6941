// `npm run staff -- <name> '<json>'`: runs a staff function against the local stack
// (env DDB_ENDPOINT, default http://127.0.0.1:8000) with a staff token signed here.
process.env.STAGE ??= 'local';
process.env.DDB_ENDPOINT ??= 'http://127.0.0.1:8000';

async function main(): Promise<number> {
  const { STAFF_FUNCTIONS } = await import('./index');
  const { signToken } = await import('../auth/token');
  const [name, raw] = process.argv.slice(2);
  const fn = name ? STAFF_FUNCTIONS[name] : undefined;
  if (!fn) {
    console.error(`usage: npm run staff -- <name> '<json>'\nnames: ${Object.keys(STAFF_FUNCTIONS).join(', ')}`);
    return 2;
  }
  let input: Record<string, unknown> = {};
  if (raw) {
    try {
      input = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      console.error('the second argument must be JSON');
      return 2;
    }
  }
  const token = await signToken({ userId: process.env.STAFF_USER ?? 'staff-cli', role: 'staff' }, 600);
  const out = await fn({ ...input, token });
  console.log(JSON.stringify(out, null, 2));
  if (!out.ok) return 1;
  const r = out.result as { clean?: boolean } | undefined;
  return r && r.clean === false ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
