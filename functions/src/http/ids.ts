// Path ids are checked against the form the server gives them before any store is asked: an id
// of another form cannot name anything, so it answers the same 404 an unknown id does (issue 21:
// a 3,000-character id used to reach DynamoDB's key limit and answer 500). Forms: domain/ids.ts
// (`o…`, `as…`, `w…`: a prefix, base36 time and 12 hex), domain/idempotency.ts (`ev_` + 32 hex),
// domain/shop/addresses.ts (`a` + 12 hex).
import { DomainError, notFound } from '../domain/errors';

const TIMED = (prefix: string) => new RegExp(`^${prefix}[0-9a-z]{13,24}$`);

/** The id form of each route family, by the path's first segment. */
const FORMS: Record<string, { re: RegExp; refuse: () => Error }> = {
  orders: { re: TIMED('o'), refuse: () => notFound('order') },
  'after-sale': { re: TIMED('as'), refuse: () => notFound('after-sale request') },
  events: { re: /^ev_[0-9a-f]{32}$/, refuse: () => notFound('event') },
  withdrawals: { re: TIMED('w'), refuse: () => notFound('withdrawal') },
  addresses: {
    re: /^a[0-9a-f]{12}$/,
    refuse: () => new DomainError('not_found', 'address_not_found', 'no such address in your address book'),
  },
};
/** Any other route's `{id}`: the characters and length every id of ours keeps to. */
const ANY_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Throws the route's 404 when `path.id` is present and not of its form. */
export function checkPathId(rawPath: string, path: Record<string, string | undefined>): void {
  const id = path.id;
  if (id === undefined) return;
  const form = FORMS[rawPath.split('/')[1] ?? ''];
  if (!(form?.re ?? ANY_ID).test(id)) throw form ? form.refuse() : notFound('route');
}
