// One jest run, several projects: unit tests of the engine and functions, integration
// tests against DynamoDB Local + the offline API, and the client's page tests.
const ts = { '^.+\\.tsx?$': ['ts-jest', { isolatedModules: true, diagnostics: false }] };
module.exports = {
  projects: [
    { displayName: 'shared', testMatch: ['<rootDir>/shared/test/**/*.test.ts'], transform: ts, testEnvironment: 'node' },
    { displayName: 'functions', testMatch: ['<rootDir>/functions/test/**/*.test.ts'], transform: ts, testEnvironment: 'node' },
  ],
};
