// A deleted account's tokens stop working at once (docs/api.md "Privacy"): every call with a
// shopper's token reads the account's deletion mark (one strongly consistent GetItem of the user
// item, which POST /me/delete sets in the same transaction that erases the person). Tokens are
// stateless JWTs, so without this read a token would outlive the account for its whole life
// (7 days). The read is paid only by authenticated shopper calls, and runs alongside the
// per-user rate-limit write, so a mutating call waits for no extra round trip; the hot anonymous
// reads (GET /pool, /products, /price-history) do not pay it (docs/performance.md).
import { AuthError } from '../auth/token';

/** The account's deletion mark (repo/privacy.ts on DynamoDB, wired in wiring/http.ts). */
export interface AccountStatus {
  deletedAt(userId: string): Promise<string | undefined>;
}

/** Throws 401 invalid_token when the account behind a shopper token was deleted. */
export async function assertAccountOpen(accounts: AccountStatus, userId: string): Promise<void> {
  if (await accounts.deletedAt(userId))
    throw new AuthError('invalid_token', 'this account was deleted; its tokens no longer work');
}
