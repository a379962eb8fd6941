// What went wrong, for any caller: the kinds of the domain's errors and of the adapters' (a leaf
// both import, so an adapter never imports the domain). functions/src/errors.ts maps each to its
// HTTP status and staff answer.
export type ErrorKind =
  | 'invalid' // the request is malformed or breaks a form rule
  | 'unauthenticated' // no valid token
  | 'forbidden' // a valid caller without the right
  | 'not_found' // unknown, or not the caller's own
  | 'conflict' // the state does not allow it now (status, idempotency, a concurrent change)
  | 'too_large' // the body is over the limit
  | 'refused' // a rule of the programme refuses it (insufficient_points …)
  | 'busy' // throttled or still pending: retry later with the same key
  | 'upstream' // WeChat is unreachable or answered what we cannot trust
  | 'internal'; // a bug
