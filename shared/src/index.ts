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
  linesTotal,
  keptTotals,
  heldShare,
  type AfterSaleLine,
} from './engine';
export { fmtMoney, fmtPoints } from './format';
export { simulate, type SimRow } from './simulate';
