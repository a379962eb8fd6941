// The local stage (dev login, the payment and transfer sandboxes, the development JWT secret)
// exists only inside the local stack: serverless-offline, the tests, the staff CLI. A function
// deployed with STAGE=local must not start: it would let anyone log in as anyone, pay through the
// sandbox and forge tokens with the secret in the source.
//
// How Lambda is told apart: the real Lambda runtime sets AWS_EXECUTION_ENV=AWS_Lambda_<runtime>
// (a reserved variable a function's configuration cannot set or override); serverless-offline
// does not, and marks its emulation with IS_OFFLINE=true. A Lambda-like environment without
// either marker (AWS_LAMBDA_FUNCTION_NAME, e.g. a container image) is treated as Lambda too.
// Other AWS hosts (CloudShell, CodeBuild, ECS) set AWS_EXECUTION_ENV to other values: the local
// stack still runs there.

type Env = Record<string, string | undefined>;

export class StageRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StageRefused';
  }
}

export function runsInLambda(env: Env = process.env): boolean {
  if ((env.AWS_EXECUTION_ENV ?? '').startsWith('AWS_Lambda_')) return true;
  return !!env.AWS_LAMBDA_FUNCTION_NAME && env.IS_OFFLINE !== 'true';
}

/** Throws unless the stage may run here: STAGE=local only outside Lambda. */
export function assertStageAllowed(env: Env = process.env): void {
  if (env.STAGE === 'local' && runsInLambda(env))
    throw new StageRefused(
      `STAGE=local refused: this is AWS Lambda (${env.AWS_EXECUTION_ENV || env.AWS_LAMBDA_FUNCTION_NAME}); ` +
        'the local stage (dev login, payment sandbox, development secret) runs only in serverless-offline. ' +
        'Deploy with --stage prod (the default) and the production secrets.',
    );
}

/** True on the local stage; throws where the local stage is refused (checked on every call). */
export function isLocalStage(env: Env = process.env): boolean {
  if (env.STAGE !== 'local') return false;
  assertStageAllowed(env);
  return true;
}

/** CI packages the production stage with placeholder secrets (README "Deploying"); never usable. */
export const PLACEHOLDER_PREFIX = 'placeholder-';
export const isPlaceholder = (v: string | undefined) => (v ?? '').startsWith(PLACEHOLDER_PREFIX);

// Checked when the module loads: every handler imports the repository (and so this), so a
// function deployed with STAGE=local fails its cold start instead of serving anything.
assertStageAllowed();
