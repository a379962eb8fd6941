// What every Node-side jest project shares (functions, test/integration, test/e2e): TypeScript
// through ts-jest without type checks (tsc does those), and jose, which is ESM only, transformed too.
module.exports = {
  // The DynamoDB stores for every domain call (a memory test installs its own: domain/stores.ts).
  setupFiles: [require('path').join(__dirname, 'test-env.js')],
  transform: { '^.+\\.tsx?$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  testEnvironment: 'node',
};
