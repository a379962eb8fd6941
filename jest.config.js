// One jest run over every project. Each folder owns its own config:
// shared (engine unit tests), functions (unit tests of handlers' parts, adapters),
// client (page tests on the Taro H5 runtime), console (the staff console's pure parts),
// test/integration (HTTP against the local
// stack on DynamoDB Local), test/e2e (real Chromium against the local stack).
const fs = require('fs');
const path = require('path');
const candidates = [
  'shared/jest.config.js',
  'functions/jest.config.js',
  'client/jest.config.js',
  'console/jest.config.js',
  'test/integration/jest.config.js',
  'test/e2e/jest.config.js',
];
module.exports = {
  projects: candidates.filter((p) => fs.existsSync(path.join(__dirname, p))).map((p) => `<rootDir>/${p}`),
};
