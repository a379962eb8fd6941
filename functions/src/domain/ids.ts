// Ids for orders and withdrawals: time-ordered and alphanumeric, as WeChat's out_trade_no and
// out_bill_no accept. Its own module, so a handler that needs an id does not load orders.ts.
import { randomBytes } from 'crypto';

export function newId(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${randomBytes(6).toString('hex')}`;
}
