// An Idempotency-Key is made once per user action and reused when that action is retried.
// 1–64 chars of [A-Za-z0-9_-] (docs/api.md). Random enough to never collide for one user.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomChars(n: number): string {
  const out: string[] = [];
  // `typeof` keeps this safe where no global `crypto` (nor `globalThis`) exists: older WeChat base libraries.
  const c = typeof crypto !== 'undefined' ? (crypto as { getRandomValues?: (a: Uint8Array) => Uint8Array }) : undefined;
  if (c?.getRandomValues) {
    const bytes = c.getRandomValues(new Uint8Array(n));
    for (const b of Array.from(bytes)) out.push(ALPHABET[b % ALPHABET.length]);
  } else {
    // The mini-program has no WebCrypto: a key only has to be unique, not secret.
    for (let i = 0; i < n; i++) out.push(ALPHABET[Math.floor(Math.random() * ALPHABET.length)]);
  }
  return out.join('');
}

export function newIdempotencyKey(): string {
  return `${Date.now().toString(36)}-${randomChars(16)}`;
}
