// A deleted account's tokens stop working at once (docs/api.md "Privacy"): every call with a
// shopper's token reads the account's deletion mark (one strongly consistent GetItem of the user
// item, which POST /me/delete sets in the same transaction that erases the person). Tokens are
// stateless JWTs, so without this read a token would outlive the account for its whole life
// (7 days). The read is paid only by authenticated shopper calls, and runs alongside the
// per-user rate-limit write, so a mutating call waits for no extra round trip; the hot anonymous
// reads (GET /pool, /products, /price-history) do not pay it.
import { getItem } from '../repo/ddb';
import { keys } from '../repo/keys';
import { AuthError } from '../auth/token';
import { isLocalStage } from '../stage';

/** Throws 401 invalid_token when the account behind a shopper token was deleted. */
export async function assertAccountOpen(userId: string): Promise<void> {
  // The wrapper's unit tests run with no database (the local stage only, like the rate limits).
  if (isLocalStage() && process.env.ACCOUNT_CHECK === 'off') return;
  const user = await getItem(keys.user(userId));
  if (user && typeof user.deletedAt === 'string')
    throw new AuthError('invalid_token', 'this account was deleted; its tokens no longer work');
}
