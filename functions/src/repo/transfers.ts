// The withdrawal lists of domain/wallet/transfers.ts on DynamoDB: by status (GSI1, oldest first, for the
// schedule) and by user (GSI2 keys only, newest first, then the items themselves).
import type { WithdrawalLists } from '../domain/wallet/transfers-ports';
import { batchGet, query } from './ddb';
import { gsi, keys, withdrawalIdOf } from './keys';
import { decodeCursor, encodeCursor } from './cursor';
import { toWithdrawal } from './withdrawals';

export const withdrawalLists: WithdrawalLists = {
  async inStatus(status, limit, cursor) {
    const pk = gsi.withdrawals(status);
    const r = await query({ pk, index: 'GSI1', limit, cursor: decodeCursor(cursor, pk, 'GSI1PK') });
    return { items: r.items.map(toWithdrawal), cursor: encodeCursor(r.next) };
  },
  async byUser(userId, limit, cursor) {
    const pk = gsi.userWithdrawals(userId);
    const r = await query({
      pk,
      index: 'GSI2',
      limit,
      newestFirst: true,
      cursor: decodeCursor(cursor, pk, 'GSI2PK'),
    });
    const ids = r.items.map((i) => withdrawalIdOf(String(i.PK)));
    const got = new Map(
      (await batchGet(ids.map((id) => keys.withdrawal(id)))).map((i) => [String(i.withdrawalId), toWithdrawal(i)]),
    );
    return {
      items: ids.flatMap((id) => (got.has(id) ? [got.get(id)!] : [])),
      cursor: encodeCursor(r.next),
    };
  },
};
