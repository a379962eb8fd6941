// What every Node-side jest project shares (functions, test/integration, test/e2e): TypeScript
// through ts-jest without type checks (tsc does those), and jose, which is ESM only, transformed too.
module.exports = {
  transform: { '^.+\\.tsx?$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  testEnvironment: 'node',
};
