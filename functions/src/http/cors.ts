// CORS from configuration: CORS_ORIGINS is a comma-separated list of the H5 site's origins
// (the local stack sets http://127.0.0.1:<H5_PORT> and http://localhost:<H5_PORT>). Only a
// listed origin gets Access-Control-Allow-Origin; any other gets no CORS grant at all.
// The mini-program itself needs none (wx.request is not a browser fetch).

const ALLOW_HEADERS = 'Authorization, Content-Type, Idempotency-Key';
const ALLOW_METHODS = 'GET, POST, PUT, DELETE, OPTIONS';

let cached: { raw: string; set: Set<string> } | undefined;

export function allowedOrigins(): Set<string> {
  const raw = process.env.CORS_ORIGINS ?? '';
  if (cached?.raw !== raw) {
    const list = raw
      .split(',')
      .map((s) => s.trim().replace(/\/+$/, ''))
      .filter((s) => s !== '' && s !== '*'); // a wildcard is never honoured
    cached = { raw, set: new Set(list) };
  }
  return cached.set;
}

/** The CORS headers of an answer to a request from `origin` (the request's Origin header). */
export function corsHeaders(origin: string | undefined): Record<string, string> {
  // Vary: caches must not serve one origin's answer to another.
  if (!origin || !allowedOrigins().has(origin)) return { Vary: 'Origin' };
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Headers': ALLOW_HEADERS,
    'Access-Control-Allow-Methods': ALLOW_METHODS,
    'Access-Control-Expose-Headers': 'Idempotent-Replayed, X-Request-Id, Retry-After',
    Vary: 'Origin',
  };
}
