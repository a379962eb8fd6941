// A client that retries as a real one would: the same Idempotency-Key on every try, bounded
// tries with jittered exponential backoff, a 202 polled at GET /events/{id} and then replayed
// with its key for the final answer. Staff functions are retried the same way (the console
// operator or the schedule runs them again).
import type { Rng } from './rng';

export interface Req {
  method: 'GET' | 'POST';
  path: string;
  token?: string;
  body?: unknown;
  rawBody?: string;
  key?: string; // Idempotency-Key
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  body: any;
}

/** final: a 2xx or 4xx answer; unknown: tries ran out on 5xx, 429, network errors or pending. */
export interface Result {
  final?: Answer;
  tries: number;
  last?: Answer | string;
}

export const MAX_TRIES = 8;
const POLLS = 80;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function apiUrl(): string {
  const u = process.env.API_URL;
  if (!u) throw new Error('API_URL is not set');
  return u;
}

export async function send(r: Req): Promise<Answer> {
  const headers: Record<string, string> = { ...(r.headers ?? {}) };
  if (r.token) headers.Authorization = `Bearer ${r.token}`;
  const body = r.rawBody ?? (r.body !== undefined ? JSON.stringify(r.body) : undefined);
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
    headers['Content-Type'] = 'application/json';
  if (r.key !== undefined) headers['Idempotency-Key'] = r.key;
  const res = await fetch(apiUrl() + r.path, { method: r.method, headers, body, signal: AbortSignal.timeout(60000) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed };
}

/** Answers a client tries again: the server did not decide (5xx, 429, a lost race, a key in flight). */
export function isRetryable(a: Answer): boolean {
  if (a.status >= 500 || a.status === 429) return true;
  const code = a.body?.error?.code;
  return a.status === 409 && (code === 'conflict' || code === 'idempotency_in_progress');
}

const backoff = (rng: Rng, attempt: number) => rng.int(Math.min(2000, 40 * 2 ** attempt)) + 10;

/** Polls a pending pool event until it is decided (bounded). */
async function waitEvent(poll: string, token: string | undefined, rng: Rng): Promise<void> {
  for (let i = 0; i < POLLS; i++) {
    try {
      const ev = await send({ method: 'GET', path: poll, token });
      if (ev.status === 200 && ev.body?.status !== 'pending') return;
    } catch {
      /* connection failed: poll again */
    }
    await sleep(150 + rng.int(200));
  }
}

/** Sends `r` until it gets a final answer or runs out of tries. */
export async function retrying(r: Req, rng: Rng, maxTries = MAX_TRIES): Promise<Result> {
  let last: Answer | string | undefined;
  for (let attempt = 1; attempt <= maxTries; attempt++) {
    let a: Answer;
    try {
      a = await send(r);
    } catch (e) {
      last = String((e as Error).message);
      await sleep(backoff(rng, attempt));
      continue;
    }
    last = a;
    if (a.status === 202 && typeof a.body?.poll === 'string') {
      await waitEvent(a.body.poll, r.token, rng);
      continue; // replay the key: the stored final answer
    }
    if (a.status === 202) return { final: a, tries: attempt }; // e.g. a WeChat refund still processing
    if (isRetryable(a)) {
      await sleep(backoff(rng, attempt));
      continue;
    }
    return { final: a, tries: attempt, last };
  }
  return { tries: maxTries, last };
}

export interface StaffAnswer {
  ok: boolean;
  result?: any;
  error?: { code: string; message: string };
}

const STAFF_RETRYABLE = new Set(['internal', 'conflict', 'busy', 'upstream_unavailable', 'rate_limited']);

/** A staff function run again by its operator while it fails for reasons not its own. */
export async function staffRetrying(
  fn: (e: Record<string, unknown>) => Promise<StaffAnswer>,
  input: Record<string, unknown>,
  rng: Rng,
  maxTries = MAX_TRIES,
): Promise<{ final?: StaffAnswer; tries: number }> {
  for (let attempt = 1; attempt <= maxTries; attempt++) {
    let a: StaffAnswer;
    try {
      a = await fn(input);
    } catch (e) {
      a = { ok: false, error: { code: 'internal', message: (e as Error).message } };
    }
    const pending = a.ok && a.result?.status === 'pending';
    if (!pending && (a.ok || !STAFF_RETRYABLE.has(a.error?.code ?? ''))) return { final: a, tries: attempt };
    await sleep(backoff(rng, attempt));
  }
  return { tries: maxTries };
}
