// Rule errors carry a documented snake_case code (docs/errors.md); the backend answers 422
// (400 for malformed amounts) and changes nothing.
export type RuleCode =
  | 'invalid_amount'
  | 'invalid_params'
  | 'insufficient_points'
  | 'insufficient_held'
  | 'insufficient_constant'
  | 'insufficient_store_credit'
  | 'insufficient_cash'
  | 'insufficient_pending'
  | 'insufficient_treasury'
  | 'insufficient_quota'
  | 'amount_too_small'
  | 'supply_cap_reached'
  | 'nothing_to_release'
  | 'pool_empty'
  | 'invalid_referrer'
  | 'unknown_event';

export class RuleError extends Error {
  readonly code: RuleCode;
  constructor(code: RuleCode, message: string) {
    super(message);
    this.name = 'RuleError';
    this.code = code;
  }
}

export const isRuleError = (e: unknown): e is RuleError => e instanceof RuleError;
