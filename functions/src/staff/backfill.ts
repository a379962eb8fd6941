// backfill-user-lists (admin, once after deploying the per-user lists; safe to run again): gives
// withdrawals and after-sale requests written before GET /withdrawals and GET /after-sale existed
// their entry in their owner's list (repo/backfill-user-lists.ts; docs/staff.md "Migrations").
import { z } from 'zod';
import { backfillUserLists as run } from '../wiring/migrations';
import { staff } from './wrapper';

export const backfillUserLists = staff('backfill-user-lists', z.object({}).strict(), async () => run());
