// `npm run staff -- <name> '<json>'`: runs a staff function against the local stack
// (env DDB_ENDPOINT, default http://127.0.0.1:8000). The token: STAFF_TOKEN (one from
// POST /staff/login), or, on the local stage only, one signed here for the bootstrap account
// STAFF_USER (default staff-cli) with the roles STAFF_ROLES (default all four). A second
// signature needs another name: STAFF_USER=someone-else npm run staff -- approve-request '{…}'.
process.env.STAGE ??= 'local';
process.env.DDB_ENDPOINT ??= 'http://127.0.0.1:8000';

async function main(): Promise<number> {
  const { STAFF_FUNCTIONS } = await import('./index');
  const { signToken, STAFF_TTL_SECONDS } = await import('../auth/token');
  const { STAFF_ROLES, isStaffRole } = await import('../auth/roles');
  const { isLocalStage } = await import('../stage');
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
  let token = process.env.STAFF_TOKEN ?? '';
  if (!token) {
    if (!isLocalStage()) {
      console.error('outside the local stage set STAFF_TOKEN (POST /staff/login)');
      return 2;
    }
    const roles = (process.env.STAFF_ROLES ?? STAFF_ROLES.join(',')).split(',').filter(isStaffRole);
    const userId = process.env.STAFF_USER ?? 'staff-cli';
    token = await signToken({ userId, role: 'staff', roles }, STAFF_TTL_SECONDS);
  }
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
