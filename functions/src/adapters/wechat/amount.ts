// Yuan <-> fen without floats: WeChat Pay counts integer fen; our Money is a yuan string.
import { AdapterError } from './types';

const YUAN = /^(0|[1-9]\d*)(?:\.(\d{1,2}))?$/;

/** "0.01" -> 1, "97.77" -> 9777; refuses more than 2 decimals, signs, exponents, zero. */
export function yuanToFen(amount: string): number {
  const m = YUAN.exec(amount);
  if (!m) throw new AdapterError('invalid_amount', `amount must be yuan with at most 2 decimals: "${amount}"`);
  const fen = BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
  if (fen <= 0n) throw new AdapterError('invalid_amount', `amount must be positive: "${amount}"`);
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) throw new AdapterError('invalid_amount', `amount too large: "${amount}"`);
  return Number(fen);
}

/** 9777 -> "97.77", 1 -> "0.01" */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0)
    throw new AdapterError('invalid_amount', `fen must be a non-negative integer: ${fen}`);
  const s = fen.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}
