module.exports = {
  ...require('./jest.preset'),
  displayName: 'functions',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.test.ts'],
};
