// HTTP tests against the local stack on DynamoDB Local. `npm test` starts the stack and sets
// API_URL/DDB_ENDPOINT; run alone (`npx jest --selectProjects integration`) the global setup
// starts one itself.
module.exports = {
  ...require('../../functions/jest.preset'),
  displayName: 'integration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.test.ts'],
  globalSetup: '<rootDir>/global-setup.js',
  globalTeardown: '<rootDir>/global-teardown.js',
  setupFilesAfterEnv: ['<rootDir>/setup-timeout.ts'],
};
