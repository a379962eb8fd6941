// Starts a stack only when none is given (API_URL unset).
const path = require('path');

module.exports = async function () {
  if (process.env.API_URL) return;
  const { startStack } = require(path.join(__dirname, '../../scripts/stack.js'));
  const stack = await startStack({ inMemory: true, withH5: false, log: () => undefined });
  process.env.API_URL = stack.apiUrl;
  process.env.DDB_ENDPOINT = stack.ddbEndpoint;
  process.env.STAGE = 'local';
  globalThis.__GREENPOINTS_STACK__ = stack;
};
