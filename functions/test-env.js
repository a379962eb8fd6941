// Jest runs the code as the local stack does (STAGE=local: dev secret, sandboxes, dev salt),
// unless a test sets its own stage (functions/test/deploy/*).
process.env.STAGE = process.env.STAGE || 'local';
