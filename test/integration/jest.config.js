// HTTP tests against the local stack on DynamoDB Local. `npm test` starts the stack and sets
// API_URL/DDB_ENDPOINT; run alone (`npx jest --selectProjects integration`) the global setup
// starts one itself.
module.exports = {
  displayName: 'integration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  testEnvironment: 'node',
  globalSetup: '<rootDir>/global-setup.js',
  globalTeardown: '<rootDir>/global-teardown.js',
  setupFilesAfterEnv: ['<rootDir>/setup-timeout.ts'],
};
