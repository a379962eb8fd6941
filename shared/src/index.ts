export * from './types';
export { RuleError, isRuleError, type RuleCode } from './errors';
export { parseMoney, parsePoints, parsePositiveMoney, parsePositivePoints } from './amounts';
export { defaultParams, validateParams, mergeParams, paramsSchema } from './params';
export { emptyPool, emptyWallet, emptyState, price, priceDisplay, displayPrice } from './state';
export {
  apply,
  isPoolEvent,
  redemptionCost,
  orderPoints,
  quoteSell,
  valueOf,
  dividendFor,
  shouldExit,
  levelFor,
  weightOf,
  replay,
  applyChanges,
  walletFrom,
  nonZero,
  linesTotal,
  keptTotals,
  heldShare,
  type AfterSaleLine,
} from './engine';
export { fmtMoney, fmtPoints, fmtPercent } from './format';
export {
  dec,
  ZERO,
  floor2,
  floor6,
  ceil2,
  ceil6,
  truncate,
  roundHalfUp,
  minDec,
  maxDec,
  mulDivDown,
  mulDivUp,
  type Dec,
  type DecLike,
} from './decimal';
export {
  decOrZero,
  toMoney,
  toPoints,
  sum,
  sumMoney,
  sumPoints,
  quotaLeft,
  wideDec,
  type Amount,
  type WideDec,
} from './money';
export { simulate, type SimRow } from './simulate';
export * from './api';
export { STAFF_ROLES, isStaffRole, FUNCTION_ROLES, type StaffRole } from './staff-roles';
export {
  emptyAccounts,
  accountsAfterOutcome,
  accountsAfterNote,
  foldAccounts,
  AccountsBroken,
  LOGGED_WALLET_FIELDS,
  type PoolAccounts,
  type AccountNote,
  type LoggedNote,
} from './pool-accounts';
// The pool log's checks (hashing, replay, head signatures) load @noble: imported on their own
// ('@greenpoints/shared/src/poollog') so the app's first load does not carry them.
