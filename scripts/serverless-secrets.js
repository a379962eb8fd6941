// serverless.yml plugin: the production stage never packages or deploys without its secrets.
// - any stage but `local`: `serverless package` / `deploy` stop before building when JWT_SECRET
//   (≥ 32 bytes), POOL_LOG_SALT, CURSOR_SECRET (≥ 32 bytes) or a WeChat variable of
//   docs/wechat.md is missing from the environment;
// - CI packages the production stage with placeholder values (`placeholder-…`, see README
//   "Deploying"); `serverless deploy` refuses them, and so does the code at run time;
// - `local` is never deployed: it exists only inside serverless-offline (functions/src/stage.ts).
'use strict';

const REQUIRED = [
  'JWT_SECRET',
  'POOL_LOG_SALT',
  'CURSOR_SECRET',
  'WECHAT_APPID',
  'WECHAT_SECRET',
  'WECHAT_MCH_ID',
  'WECHAT_MCH_SERIAL',
  'WECHAT_MCH_PRIVATE_KEY',
  'WECHAT_PLATFORM_PUBLIC_KEY',
  'WECHAT_PLATFORM_SERIAL',
  'WECHAT_API_V3_KEY',
  'WECHAT_NOTIFY_URL',
];
const PLACEHOLDER = 'placeholder-';

/** Problems with the environment of a stage (empty: fine). `deploying`: placeholders refused too. */
function secretProblems(stage, env, deploying) {
  if (stage === 'local')
    return deploying ? ['the local stage runs only in serverless-offline (npm start); deploy --stage prod'] : [];
  const missing = REQUIRED.filter((k) => !env[k] || !env[k].trim());
  const out = [];
  if (missing.length) out.push(`not set: ${missing.join(', ')}`);
  if (env.JWT_SECRET && Buffer.byteLength(env.JWT_SECRET) < 32) out.push('JWT_SECRET must be at least 32 bytes');
  if (env.POOL_LOG_SALT && Buffer.byteLength(env.POOL_LOG_SALT) < 16)
    out.push('POOL_LOG_SALT must be at least 16 bytes');
  if (env.CURSOR_SECRET && Buffer.byteLength(env.CURSOR_SECRET) < 32)
    out.push('CURSOR_SECRET must be at least 32 bytes');
  if (env.WECHAT_API_V3_KEY && Buffer.byteLength(env.WECHAT_API_V3_KEY) !== 32)
    out.push('WECHAT_API_V3_KEY must be exactly 32 bytes');
  const placeholders = REQUIRED.filter((k) => (env[k] || '').startsWith(PLACEHOLDER));
  if (deploying && placeholders.length) out.push(`placeholders cannot be deployed: ${placeholders.join(', ')}`);
  return out;
}

class RequireSecrets {
  constructor(serverless) {
    // ServerlessError prints the message alone, without a stack trace.
    const Failure = (serverless.classes && serverless.classes.Error) || Error;
    const check = (deploying) => () => {
      const stage = serverless.service.provider.stage;
      const problems = secretProblems(stage, process.env, deploying);
      if (problems.length)
        throw new Failure(
          `greenpoints: stage "${stage}" stops here: ${problems.join('; ')}. ` +
            'The production secrets come from the environment (docs/wechat.md); README "Deploying" says how CI packages with placeholders.',
        );
    };
    this.hooks = {
      'before:package:initialize': check(false),
      'before:deploy:deploy': check(true),
      'before:deploy:function:initialize': check(true),
    };
  }
}

module.exports = RequireSecrets;
module.exports.secretProblems = secretProblems;
module.exports.REQUIRED = REQUIRED;
