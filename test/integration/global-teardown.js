module.exports = async function () {
  const stack = globalThis.__GREENPOINTS_STACK__;
  if (stack) await stack.stop();
};
