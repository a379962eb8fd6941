// cancel-unpaid (schedule: every minute): WeChat orders unpaid past payExpiresAt are closed at
// WeChat and cancelled with their stock back (domain/orders/unpaid.ts). On the local stage
// `npm run -s staff -- cancel-unpaid '{"now":"…"}'` stands in for the clock.
import { z } from 'zod';
import { cancelUnpaid as runCancel } from '../domain/orders/unpaid';
import { unpaidDeps } from '../wiring/unpaid';
import { staff } from './wrapper';
import { standIn } from './stand-in';

export const cancelUnpaid = staff(
  'cancel-unpaid',
  z.object({ now: standIn, max: z.number().int().min(1).max(500).default(200) }).passthrough(),
  async ({ now, max }) => runCancel(unpaidDeps(), { now: now ?? new Date().toISOString(), max }),
  { scheduled: true },
);
