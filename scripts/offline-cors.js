// Preloaded into the serverless-offline process by scripts/stack.js (`node -r`): the local host
// grants CORS as the deployed one does. serverless-offline (14.x, its hapi `onPreResponse` hook)
// copies any request's Origin onto every non-preflight answer, so a page on any site could read
// the local API's answers and a dev-login token. API Gateway grants only the configured origins,
// and so do the handlers (functions/src/http/cors.ts). This wraps every `onPreResponse`
// extension hapi is given: after it runs, an answer to an Origin not in CORS_ORIGINS loses every
// Access-Control-* header (the answer itself is unchanged: a browser just will not expose it).
'use strict';
const hapi = require('@hapi/hapi');

const allowed = new Set(
  (process.env.CORS_ORIGINS || '')
    .split(',')
    .map((s) => s.trim().replace(/\/+$/, ''))
    .filter((s) => s && s !== '*'),
);

function stripForeign(request) {
  const origin = request.headers.origin;
  if (!origin || allowed.has(origin)) return;
  const r = request.response;
  if (!r) return;
  const headers = r.isBoom ? r.output && r.output.headers : r.headers;
  if (!headers) return;
  for (const k of Object.keys(headers)) if (/^access-control-/i.test(k)) delete headers[k];
}

// hapi's Server is a factory; the prototype every server shares is its instances'.
const proto = Object.getPrototypeOf(hapi.server({ autoListen: false }));
const ext = proto.ext;
proto.ext = function (event, method, options) {
  if (event === 'onPreResponse' && typeof method === 'function') {
    const wrapped = function (request, h) {
      const out = method.call(this, request, h);
      if (out && typeof out.then === 'function')
        return out.then((v) => {
          stripForeign(request);
          return v;
        });
      stripForeign(request);
      return out;
    };
    return ext.call(this, event, wrapped, options);
  }
  return ext.call(this, event, method, options);
};

module.exports = { stripForeign, allowed };
