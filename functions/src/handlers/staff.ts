// The staff HTTP API (docs/api.md "Staff"): POST /staff/login and POST /staff/{fn}, the same staff
// functions as the Lambda console and `npm run staff`, with the token in Authorization instead of
// the event. The answer is the function's {ok, result} / {ok: false, error}, with the HTTP status
// of the error's kind (401 no token, 403 a role not allowed, …).
import { randomUUID } from 'crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { z } from 'zod';
import { routes, json } from '../http/wrapper';
import { http } from '../wiring/http';
import { corsHeaders } from '../http/cors';
import { errorBody, classify, HTTP_STATUS } from '../errors';
import { login as signIn } from '../domain/operator/staff-accounts';
import { digestOf } from '../domain/operator/audit-chain';
import { staffDeps, staffSigner } from '../wiring/staff';
import { FUNCTION_ROLES } from '../staff/roles';
import { statusOf, type StaffEvent } from '../staff/wrapper';
import { log, withLogKeys } from '../log';

const route = routes(http);

// Legacy imports carry whole files (import-legacy-members data up to 5 MB).
const MAX_STAFF_BODY = 6 * 1024 * 1024;

const loginBody = z
  .object({
    username: z.string().min(1).max(64),
    password: z.string().min(1).max(200),
    totp: z
      .string()
      .regex(/^[0-9]{6}$/, 'six digits')
      .optional(),
  })
  .strict();

/** Every sign-in, refused ones too, is in the audit log (never the password or the code). */
async function auditLogin(username: string, ok: boolean, error?: string) {
  const input = { username };
  await staffDeps()
    .audit.append({
      at: new Date().toISOString(),
      actor: username,
      roles: '',
      fn: 'login',
      inputDigest: digestOf(input),
      input: JSON.stringify(input),
      ok,
      outcome: ok ? 'ok' : 'denied',
      ...(error ? { error } : {}),
    })
    .catch((e: unknown) => log.error('audit entry lost', { fn: 'login', error: e as Error }));
}

export const login = route({ auth: false, loginLimit: true, body: loginBody }, async (c) => {
  try {
    const r = await signIn(staffDeps().accounts, staffSigner, c.body);
    await auditLogin(c.body.username, true);
    return { body: r };
  } catch (e) {
    await auditLogin(c.body.username, false, classify(e).code);
    throw e;
  }
});

type Result = APIGatewayProxyStructuredResultV2;

const refusal = (code: string, message: string) => ({ ok: false, ...errorBody(code, message) });

function bodyOf(event: APIGatewayProxyEventV2): { body: Record<string, unknown> } | { reply: Result } {
  let raw = event.body ?? '';
  if (event.isBase64Encoded && raw) raw = Buffer.from(raw, 'base64').toString('utf8');
  if (Buffer.byteLength(raw, 'utf8') > MAX_STAFF_BODY)
    return { reply: json(413, refusal('payload_too_large', `body over ${MAX_STAFF_BODY} bytes`)) };
  if (raw.trim() === '') return { body: {} };
  try {
    const v: unknown = JSON.parse(raw);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return { body: v as Record<string, unknown> };
  } catch {
    /* answered below */
  }
  return { reply: json(400, refusal('malformed_json', 'the body must be one JSON object (the function’s event)')) };
}

async function answer(event: APIGatewayProxyEventV2): Promise<Result> {
  const name = event.pathParameters?.fn ?? '';
  if (!Object.hasOwn(FUNCTION_ROLES, name))
    return json(404, refusal('unknown_function', `no staff function ${name.slice(0, 64)}`));
  const read = bodyOf(event);
  if ('reply' in read) return read.reply;
  const m = /^Bearer\s+(\S+)$/i.exec(event.headers?.authorization ?? event.headers?.Authorization ?? '');
  // The token comes from the header only, and `source` never: a scheduled run is not an HTTP call.
  const { token: _t, source: _s, ...rest } = read.body;
  const staffEvent: StaffEvent = { ...rest, ...(m ? { token: m[1] } : {}) };
  try {
    // Loaded on first use: the registry's modules load their own functions lazily too.
    const { STAFF_FUNCTIONS } = await import('../staff/index');
    const out = await STAFF_FUNCTIONS[name]!(staffEvent);
    return json(statusOf(out), out);
  } catch (e) {
    const c = classify(e);
    return json(HTTP_STATUS[c.kind], { ok: false, error: { code: c.code, message: c.message } });
  }
}

export async function call(event: APIGatewayProxyEventV2, context?: Context): Promise<Result> {
  const requestId = context?.awsRequestId || event.requestContext?.requestId || randomUUID();
  return withLogKeys({ requestId }, async () => {
    const r = await answer(event);
    r.headers = {
      ...r.headers,
      ...corsHeaders(event.headers?.origin ?? event.headers?.Origin),
      'X-Request-Id': requestId,
    };
    log.info('request', { method: 'POST', path: event.rawPath, status: r.statusCode });
    return r;
  });
}
