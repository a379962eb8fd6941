// serverless.yml's httpApi.cors, from the environment: CORS_ORIGINS is a comma-separated list
// of the H5 site's origins (the local stack sets its own). No list, no CORS at all: a wildcard
// is never configured. The handlers check the same variable (functions/src/http/cors.ts).
module.exports = () => {
  const origins = (process.env.CORS_ORIGINS || '')
    .split(',')
    .map((s) => s.trim().replace(/\/+$/, ''))
    .filter((s) => s && s !== '*');
  if (origins.length === 0) return false;
  return {
    allowedOrigins: origins,
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
    allowedMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    exposedResponseHeaders: ['Idempotent-Replayed', 'X-Request-Id', 'Retry-After'],
  };
};
