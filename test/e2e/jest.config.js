// The shopper's path in real Chromium (Debian's, through playwright-core) against the local
// stack that `npm test` starts (H5_URL, API_URL, DDB_ENDPOINT come from scripts/test.js).
module.exports = {
  displayName: 'e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.e2e.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
  // The staff functions (shipping the order) are loaded in-process; jose is ESM.
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  testEnvironment: 'node',
  // testTimeout is a global option (ignored in a project under the root config): see the test file.
};
