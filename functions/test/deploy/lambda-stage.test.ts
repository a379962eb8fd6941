// Fail closed (issue 13 item 0): a handler loaded as AWS Lambda loads it with STAGE=local refuses
// to start, so a deploy of the local stage cannot serve dev logins, the payment sandbox or
// tokens signed with the development secret. serverless-offline (IS_OFFLINE=true) still runs it.
const saved = { ...process.env };
// jest's setup loaded the stores (and with them the stage check) before this env was set.
beforeEach(() => jest.resetModules());
afterEach(() => {
  process.env = { ...saved };
  jest.resetModules();
});

const asLambda = {
  STAGE: 'local',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
  AWS_LAMBDA_FUNCTION_NAME: 'greenpoints-prod-login',
  LAMBDA_TASK_ROOT: '/var/task',
};

test('the login handler does not load in Lambda with STAGE=local', async () => {
  process.env = { ...saved, ...asLambda, JWT_SECRET: '' };
  await expect(import('../../src/handlers/auth')).rejects.toThrow(
    /STAGE=local refused: this is AWS Lambda \(AWS_Lambda_nodejs24\.x\)/,
  );
});

test('nor does a staff function, even when IS_OFFLINE is set in a real Lambda', async () => {
  process.env = { ...saved, ...asLambda, IS_OFFLINE: 'true' };
  await expect(import('../../src/staff/index')).rejects.toThrow(/STAGE=local refused/);
});

test('a Lambda-like host without AWS_EXECUTION_ENV (a container image) is Lambda unless offline', async () => {
  const { runsInLambda, isLocalStage } = await import('../../src/stage');
  const container = { STAGE: 'local', AWS_LAMBDA_FUNCTION_NAME: 'greenpoints-prod-login' };
  expect(runsInLambda(container)).toBe(true);
  expect(() => isLocalStage(container)).toThrow(/STAGE=local refused/);
  // serverless-offline sets the function name and IS_OFFLINE=true, never AWS_EXECUTION_ENV.
  expect(isLocalStage({ ...container, IS_OFFLINE: 'true' })).toBe(true);
  // Other AWS hosts (CloudShell, CodeBuild, ECS) set AWS_EXECUTION_ENV too: the local stack runs.
  expect(isLocalStage({ STAGE: 'local', AWS_EXECUTION_ENV: 'CloudShell' })).toBe(true);
  expect(isLocalStage({ ...asLambda, STAGE: 'prod' })).toBe(false);
});

// No limit is counted (both at 0), so the dev login is refused before any table is asked: the
// test needs no DynamoDB, run alone (npx jest) or inside npm test.
const noLimits = { RATE_LIMIT_LOGIN_PER_MIN: '0', RATE_LIMIT_IP_PER_MIN: '0' };

test('the same handler in Lambda with STAGE=prod loads, and refuses a dev login', async () => {
  process.env = { ...saved, ...asLambda, STAGE: 'prod', JWT_SECRET: 'x'.repeat(32), ...noLimits };
  const { login } = await import('../../src/handlers/auth');
  const r = await login({
    version: '2.0',
    rawPath: '/auth/login',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ devOpenId: 'anyone' }),
    requestContext: { http: { method: 'POST', path: '/auth/login' } },
    isBase64Encoded: false,
  } as never);
  expect(r).toMatchObject({ statusCode: 400 });
  expect(JSON.parse((r as { body: string }).body).error.code).toBe('dev_login_disabled');
});

test('a placeholder JWT secret (a CI package) signs nothing outside the local stage', async () => {
  process.env = { ...saved, STAGE: 'prod', JWT_SECRET: 'placeholder-jwt-secret-for-ci-packaging-only-0000' };
  const { signToken } = await import('../../src/auth/token');
  await expect(signToken({ userId: 'u1', role: 'staff' })).rejects.toThrow(/placeholder/);
});
