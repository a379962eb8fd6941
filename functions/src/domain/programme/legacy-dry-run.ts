// The legacy import's dry run (import-legacy-members {dryRun: true}): the same checks as the
// import, and what it would do (store credit, locked points, the grants' funding at today's
// price, new and existing users), reading only: no second signature, nothing written.
import { ceil2, dec, price, ZERO, type LegacyDryRun } from '@greenpoints/shared';
import { fileHash, parseLegacyFile, refuseImported } from './legacy';
import { conflict } from '../errors';
import type { Stores } from '../deps';

export async function legacyDryRun(
  deps: Pick<Stores, 'legacy' | 'users' | 'config' | 'poolState'>,
  input: { importId: string; format: 'csv' | 'json'; data: unknown },
): Promise<LegacyDryRun> {
  const { importId, format, data } = input;
  const meta = await deps.legacy.importMeta(importId);
  if (meta && meta.hash !== fileHash(format, data))
    throw conflict('import_id_reused', `import ${importId} was used for another file`);
  const { rows, errors } = parseLegacyFile(format, data);
  if (!errors.length) await refuseImported(deps, importId, rows, errors);
  const { params } = await deps.config.params();
  const now = price(await deps.poolState.state(params, false));
  let credit = ZERO;
  let points = ZERO;
  let funding = ZERO;
  let existing = 0;
  for (const r of rows) {
    credit = credit.plus(r.balance);
    points = points.plus(r.points);
    if (dec(r.points).gt(0)) funding = funding.plus(ceil2(dec(r.points).times(now)));
    const known = r.openid ? await deps.users.idByOpenId(r.openid) : await deps.legacy.userIdByPhone(r.phone!);
    if (known) existing++;
  }
  return {
    importId,
    status: meta?.status === 'done' ? 'done' : errors.length ? 'rejected' : 'dry_run',
    rows: rows.length + errors.length,
    errors,
    storeCredit: credit.toFixed(2),
    pointsLocked: points.toFixed(),
    grantFundingNow: funding.toFixed(2),
    newUsers: rows.length - existing,
    existingUsers: existing,
  };
}
