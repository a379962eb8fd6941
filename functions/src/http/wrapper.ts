// The one wrapper every HTTP handler goes through: size limit, JSON, zod, auth, idempotency,
// error mapping and CORS. Handlers never throw past it (serverless-offline would answer 200).
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { z, ZodError, type ZodTypeAny } from 'zod';
import { isRuleError } from '@greenpoints/shared';
import { AuthError, verifyBearer } from '../auth/token';
import { AdapterError } from '../adapters/wechat/types';
import { HttpError, IdempotencyRace, badRequest, conflict } from './errors';
import { KEY_RE, readIdem, requestHash, finishOp, type Idem, type StoredResponse } from '../domain/idempotency';
import { transact, TxCancelled } from '../repo/ddb';
import { StaleRead } from '../domain/tx';
import { rateLimit } from './rate-limit';

export const MAX_BODY_BYTES = 64 * 1024;

export const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Idempotency-Key',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
};

export interface Ctx<B> {
  userId: string;
  role: 'user' | 'staff';
  body: B;
  path: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  rawBody: string;
  /** Present on idempotent routes: the domain puts claimOp(idem) into its first transaction. */
  idem?: Idem;
  /** Set when a reentrant route resumes a pending key: the event already recorded. */
  resumeEventId?: string;
}

export interface Reply {
  status?: number;
  body: unknown;
  /** Multi-step (pool) changes: the answer is final only when true; a 202 is not stored. */
  final?: boolean;
}

interface RouteOpts<S extends ZodTypeAny> {
  auth?: boolean; // default true
  idempotent?: boolean; // needs Idempotency-Key
  /** A pending key may be resumed (pool events: the derived eventId makes re-running safe). */
  reentrant?: boolean;
  body?: S;
  /** Counted against the caller's IP as a login (docs/errors.md `too_many_requests`). */
  loginLimit?: boolean;
}

type Result = APIGatewayProxyStructuredResultV2;

export function json(status: number, body: unknown, extra: Record<string, string> = {}): Result {
  return {
    statusCode: status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...CORS_HEADERS, ...extra },
    body: JSON.stringify(body),
  };
}
export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

function lowerHeaders(h: APIGatewayProxyEventV2['headers'] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h ?? {})) if (typeof v === 'string') out[k.toLowerCase()] = v;
  return out;
}

export function toErrorReply(e: unknown): StoredResponse {
  if (e instanceof HttpError) return { status: e.status, body: errorBody(e.code, e.message) };
  if (e instanceof AuthError) return { status: 401, body: errorBody(e.code, e.message) };
  if (e instanceof AdapterError) return { status: e.status, body: errorBody(e.code, e.message) };
  if (isRuleError(e)) {
    // A malformed amount is a bad request; any other broken rule is refused with 422.
    const status = e.code === 'invalid_amount' ? 400 : 422;
    return { status, body: errorBody(e.code, e.message) };
  }
  if (e instanceof ZodError) {
    const msg = e.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
      .join('; ');
    return { status: 400, body: errorBody('invalid_request', msg) };
  }
  if (e instanceof TxCancelled || e instanceof StaleRead)
    return { status: 409, body: errorBody('conflict', 'a concurrent change won; try again') };
  const name = (e as { name?: string })?.name ?? '';
  if (
    name === 'ThrottlingException' ||
    name === 'ProvisionedThroughputExceededException' ||
    name === 'TransactionConflictException'
  ) {
    return { status: 429, body: errorBody('busy', 'too many concurrent changes; try again shortly') };
  }
  console.error('[internal]', e);
  return { status: 500, body: errorBody('internal', 'internal error') };
}

export function route<S extends ZodTypeAny>(opts: RouteOpts<S>, fn: (ctx: Ctx<z.infer<S>>) => Promise<Reply>) {
  return async (event: APIGatewayProxyEventV2): Promise<Result> => {
    try {
      const headers = lowerHeaders(event.headers);
      let raw = event.body ?? '';
      if (event.isBase64Encoded && raw) raw = Buffer.from(raw, 'base64').toString('utf8');
      if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES) {
        return json(413, errorBody('payload_too_large', `body over ${MAX_BODY_BYTES} bytes`));
      }
      let parsed: unknown = undefined;
      if (opts.body) {
        if (raw.trim() === '') parsed = {};
        else {
          try {
            parsed = JSON.parse(raw);
          } catch {
            return json(400, errorBody('malformed_json', 'the body is not valid JSON'));
          }
        }
      }
      let userId = '';
      let role: 'user' | 'staff' = 'user';
      if (opts.auth !== false) {
        const claims = await verifyBearer(headers['authorization']);
        userId = claims.userId;
        role = claims.role;
      }
      const limited = await rateLimit(event, userId, opts.loginLimit === true);
      if (limited)
        return json(
          429,
          errorBody('too_many_requests', `over ${limited.limit} per minute (${limited.scope}); retry after the window`),
          { 'Retry-After': String(limited.retryAfter) },
        );
      const body = opts.body ? opts.body.parse(parsed) : undefined;
      const ctx: Ctx<z.infer<S>> = {
        userId,
        role,
        body,
        path: (event.pathParameters ?? {}) as Record<string, string>,
        query: (event.queryStringParameters ?? {}) as Record<string, string>,
        headers,
        rawBody: raw,
      };
      if (!opts.idempotent) {
        const r = await fn(ctx);
        return json(r.status ?? 200, r.body);
      }
      const key = headers['idempotency-key'];
      if (key === undefined) throw badRequest('idempotency_key_required', 'Idempotency-Key header is required');
      if (!KEY_RE.test(key))
        throw badRequest('invalid_idempotency_key', 'Idempotency-Key must be 1–64 of [A-Za-z0-9_-]');
      const path = event.rawPath ?? event.requestContext?.http?.path ?? '';
      const idem: Idem = { userId, key, hash: requestHash(event.requestContext?.http?.method ?? 'POST', path, body) };
      ctx.idem = idem;
      for (let attempt = 0; attempt < 3; attempt++) {
        const prior = await readIdem(userId, key);
        if (prior) {
          if (prior.hash !== idem.hash)
            throw conflict('idempotency_mismatch', 'this Idempotency-Key was used with another request');
          if (prior.status === 'done' && prior.response) {
            return json(prior.response.status, prior.response.body, { 'Idempotent-Replayed': 'true' });
          }
          if (!opts.reentrant)
            throw conflict('idempotency_in_progress', 'a request with this Idempotency-Key is still in progress');
          ctx.resumeEventId = prior.eventId;
        }
        try {
          const r = await fn(ctx);
          const status = r.status ?? 200;
          if (r.final && prior?.status !== 'done') {
            // Record the answer of a multi-step change (the key was claimed as pending).
            await transact([finishOp(idem, { status, body: r.body })]).catch(() => undefined);
          }
          return json(status, r.body);
        } catch (e) {
          if (e instanceof IdempotencyRace) continue; // someone else holds the key now: re-read
          const reply = toErrorReply(e);
          return json(reply.status, reply.body);
        }
      }
      throw conflict('idempotency_in_progress', 'a request with this Idempotency-Key is still in progress');
    } catch (e) {
      const reply = toErrorReply(e);
      return json(reply.status, reply.body);
    }
  };
}
