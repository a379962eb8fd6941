// The one wrapper every HTTP handler goes through: size limit, JSON, zod, auth, idempotency,
// error mapping (functions/src/errors.ts), CORS (http/cors.ts) and the request's log keys.
// Handlers never throw past it (serverless-offline would answer 200).
// The stores it reads and writes (Idempotency-Keys, rate counters) are passed in by each handler
// file's composition root: `const route = routes({...})`.
import { randomUUID } from 'crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { z, type ZodTypeAny } from 'zod';
import { verifyBearer } from '../auth/token';
import { toErrorReply, errorBody, isFinal } from '../errors';
import { invalid, conflict, IdempotencyRace } from '../domain/errors';
import { KEY_RE, readIdem, requestHash, finishOp, type Idem, type IdemRecord } from '../domain/idempotency';
import type { Call, Reply } from '../domain/reply';
import type { Deps } from '../domain/deps';
import { log, withLogKeys, addLogKeys } from '../log';
import { corsHeaders } from './cors';
import { earlyScopes, rateLimit, userScopes, type Limited, type RateCounters } from './rate-limit';
import { checkPathId } from './ids';
import { openCursor, sealPage, type CursorScope } from './cursor-seal';
import { assertAccountOpen, type AccountStatus } from './account-check';

export { errorBody };
export type { Reply };

export const MAX_BODY_BYTES = 64 * 1024;

export interface Ctx<B> extends Call<B> {
  role: 'user' | 'staff';
  path: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  rawBody: string;
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

/** What the wrapper itself reads and writes: Idempotency-Keys (in a transaction) and rate counters. */
/** `accounts`: the deleted-account check of shopper tokens (http/account-check.ts); every deployed route has it. */
export type HttpDeps = Pick<Deps, 'tx' | 'idempotency'> & { rateCounters: RateCounters; accounts?: AccountStatus };
type Handler<B> = (ctx: Ctx<B>) => Promise<Reply>;

/** An answer of this request: JSON, with the CORS headers its Origin is granted. */
export function json(status: number, body: unknown, extra: Record<string, string> = {}): Result {
  return {
    statusCode: status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...extra },
    body: JSON.stringify(body),
  };
}

function lowerHeaders(h: APIGatewayProxyEventV2['headers'] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h ?? {})) if (typeof v === 'string') out[k.toLowerCase()] = v;
  return out;
}

/** Thrown by readRequest: an answer decided before the handler runs. */
class EarlyAnswer {
  constructor(readonly result: Result) {}
}

function rawBodyOf(event: APIGatewayProxyEventV2): string {
  let raw = event.body ?? '';
  if (event.isBase64Encoded && raw) raw = Buffer.from(raw, 'base64').toString('utf8');
  if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES)
    throw new EarlyAnswer(json(413, errorBody('payload_too_large', `body over ${MAX_BODY_BYTES} bytes`)));
  return raw;
}

function parseJson(raw: string): unknown {
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw new EarlyAnswer(json(400, errorBody('malformed_json', 'the body is not valid JSON')));
  }
}

function tooMany(limited: Limited | undefined): void {
  if (limited)
    throw new EarlyAnswer(
      json(
        429,
        errorBody('too_many_requests', `over ${limited.limit} per minute (${limited.scope}); retry after the window`),
        { 'Retry-After': String(limited.retryAfter) },
      ),
    );
}

/** The list a cursor pages: the route's path (a list route has no id in it). */
export const cursorScope = (event: APIGatewayProxyEventV2, userId: string): CursorScope => ({
  caller: userId,
  list: `${(event.requestContext?.http?.method ?? 'GET').toUpperCase()} ${event.rawPath ?? ''}`,
});

/** The query with its cursor opened (sealed by this API for this caller and list), else invalid_cursor. */
function queryOf(event: APIGatewayProxyEventV2, userId: string): Record<string, string> {
  const query = { ...((event.queryStringParameters ?? {}) as Record<string, string>) };
  if (query.cursor === undefined) return query;
  const inner = openCursor(query.cursor, cursorScope(event, userId));
  if (inner === undefined) delete query.cursor;
  else query.cursor = inner;
  return query;
}

/**
 * Limits (by IP, before anything is read), size, JSON, token, the user's limit, the path id, the
 * cursor, schema: the context of a request, in the order the errors are documented.
 */
async function readRequest<S extends ZodTypeAny>(h: HttpDeps, opts: RouteOpts<S>, event: APIGatewayProxyEventV2) {
  tooMany(await rateLimit(h.rateCounters, earlyScopes(event, opts.loginLimit === true)));
  const headers = lowerHeaders(event.headers);
  const raw = rawBodyOf(event);
  const parsed = opts.body ? parseJson(raw) : undefined;
  let userId = '';
  let role: 'user' | 'staff' = 'user';
  if (opts.auth !== false) {
    ({ userId, role } = await verifyBearer(headers['authorization']));
    addLogKeys({ userId });
  }
  const [limited] = await Promise.all([
    rateLimit(h.rateCounters, userScopes(event, userId)),
    role === 'user' && userId && h.accounts ? assertAccountOpen(h.accounts, userId) : undefined,
  ]);
  tooMany(limited);
  const path = (event.pathParameters ?? {}) as Record<string, string>;
  checkPathId(event.rawPath ?? '', path);
  const ctx: Ctx<z.infer<S>> = {
    userId,
    role,
    path,
    query: queryOf(event, userId),
    body: opts.body ? opts.body.parse(parsed) : undefined,
    headers,
    rawBody: raw,
  };
  return ctx;
}

function idemOf(ctx: Ctx<unknown>, event: APIGatewayProxyEventV2): Idem {
  const key = ctx.headers['idempotency-key'];
  if (key === undefined) throw invalid('idempotency_key_required', 'Idempotency-Key header is required');
  if (!KEY_RE.test(key)) throw invalid('invalid_idempotency_key', 'Idempotency-Key must be 1–64 of [A-Za-z0-9_-]');
  const path = event.rawPath ?? event.requestContext?.http?.path ?? '';
  return { userId: ctx.userId, key, hash: requestHash(event.requestContext?.http?.method ?? 'POST', path, ctx.body) };
}

/** Stores the answer of a multi-step change under its key (the key was claimed as pending). */
async function finish(h: HttpDeps, idem: Idem, prior: IdemRecord | undefined, status: number, body: unknown) {
  if (prior?.status === 'done') return;
  await h.tx.commit([finishOp(h, idem, { status, body })]).catch(() => undefined);
}

/** One try of an idempotent call: replay a stored answer, or run (or resume) the handler. */
async function tryIdempotent<B>(h: HttpDeps, ctx: Ctx<B>, idem: Idem, reentrant: boolean, fn: Handler<B>) {
  const prior = await readIdem(h, idem.userId, idem.key);
  if (prior) {
    if (prior.hash !== idem.hash)
      throw conflict('idempotency_mismatch', 'this Idempotency-Key was used with another request');
    if (prior.status === 'done' && prior.response)
      return json(prior.response.status, prior.response.body, { 'Idempotent-Replayed': 'true' });
    if (!reentrant)
      throw conflict('idempotency_in_progress', 'a request with this Idempotency-Key is still in progress');
    ctx.resumeEventId = prior.eventId;
  }
  try {
    const r = await fn(ctx);
    const status = r.status ?? 200;
    if (r.final && !r.derived) await finish(h, idem, prior, status, r.body);
    // Rebuilt from the event an earlier call with this key submitted: a replay.
    return json(status, r.body, r.derived && prior ? { 'Idempotent-Replayed': 'true' } : {});
  } catch (e) {
    if (e instanceof IdempotencyRace) throw e;
    const reply = toErrorReply(e);
    if (isFinal(e)) await finish(h, idem, prior, reply.status, reply.body);
    return json(reply.status, reply.body);
  }
}

async function runIdempotent<B>(
  h: HttpDeps,
  ctx: Ctx<B>,
  event: APIGatewayProxyEventV2,
  reentrant: boolean,
  fn: Handler<B>,
) {
  const idem = idemOf(ctx, event);
  ctx.idem = idem;
  // Bounded: a race means someone else holds the key now, so re-read it (at most 3 times).
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await tryIdempotent(h, ctx, idem, reentrant, fn);
    } catch (e) {
      if (!(e instanceof IdempotencyRace)) throw e;
    }
  }
  throw conflict('idempotency_in_progress', 'a request with this Idempotency-Key is still in progress');
}

async function answer<S extends ZodTypeAny>(
  h: HttpDeps,
  opts: RouteOpts<S>,
  fn: Handler<z.infer<S>>,
  event: APIGatewayProxyEventV2,
) {
  try {
    const ctx = await readRequest(h, opts, event);
    if (opts.idempotent) return await runIdempotent(h, ctx, event, !!opts.reentrant, fn);
    const r = await fn(ctx);
    // A page's cursor leaves sealed for this caller and list (http/cursor-seal.ts).
    return json(r.status ?? 200, sealPage(r.body, cursorScope(event, ctx.userId)));
  } catch (e) {
    if (e instanceof EarlyAnswer) return e.result;
    const reply = toErrorReply(e);
    return json(reply.status, reply.body);
  }
}

/** The route builder of one handler file, over the stores its composition root passes. */
export function routes(h: HttpDeps) {
  return <S extends ZodTypeAny>(opts: RouteOpts<S>, fn: Handler<z.infer<S>>) => route(h, opts, fn);
}

function route<S extends ZodTypeAny>(h: HttpDeps, opts: RouteOpts<S>, fn: Handler<z.infer<S>>) {
  return (event: APIGatewayProxyEventV2, context?: Context): Promise<Result> => {
    // The invocation's id (unique per call; serverless-offline's requestContext id is a constant).
    const requestId = context?.awsRequestId || event.requestContext?.requestId || randomUUID();
    return withLogKeys({ requestId }, async () => {
      const t0 = Date.now();
      const r = await answer(h, opts, fn, event);
      r.headers = {
        ...r.headers,
        ...corsHeaders(event.headers?.origin ?? event.headers?.Origin),
        'X-Request-Id': requestId,
      };
      log.info('request', {
        method: event.requestContext?.http?.method,
        path: event.rawPath,
        status: r.statusCode,
        ms: Date.now() - t0,
      });
      return r;
    });
  };
}
