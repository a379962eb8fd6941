// The console's pure parts (CSV, the parameter preview on the live pool, the legacy dry run, the
// dashboard's sums, the shipping CSV) in node; the screens themselves run in Chromium (test/e2e).
module.exports = {
  displayName: 'console',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
  testEnvironment: 'node',
};
