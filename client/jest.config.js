// Page tests: the real Taro H5 runtime (components, APIs, React hooks) in jsdom.
// Only the network layer (src/api/request) is replaced, per test.
const path = require('path');

module.exports = {
  displayName: 'client',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  // Page tests in test/; each component's own tests beside it in src/.
  testMatch: ['<rootDir>/test/**/*.test.ts?(x)', '<rootDir>/src/**/*.test.ts?(x)'],
  // Platform flags must exist before any Taro module loads.
  setupFiles: ['<rootDir>/test/setup-env.js'],
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  transform: {
    '^.+\\.(m?js|jsx|tsx?)$': ['babel-jest', { configFile: path.join(__dirname, 'babel.config.js') }],
  },
  // Taro and its web components ship ES modules.
  // Taro and its dependencies ship ES modules (.js and .mjs) in many packages: transform
  // node_modules except the big CommonJS ones (babel caches the rest after the first run).
  transformIgnorePatterns: [
    '/node_modules/(react|react-dom|scheduler|decimal\\.js|zod|@babel|core-js|core-js-pure|@testing-library|jsdom|@jest)/',
  ],
  moduleNameMapper: {
    // What Taro's H5 build does with webpack aliases and its api-loader.
    '^@tarojs/taro$': '<rootDir>/test/taro-h5.js',
    '^@tarojs/components$': '@tarojs/components/lib/react/index',
    '\\.(css|less|scss)$': '<rootDir>/test/style-stub.js',
    '\\.(png|jpg|svg)$': '<rootDir>/test/file-stub.js',
    // NutUI's style entry modules (style/css.js) only import CSS.
    '/style/css$': '<rootDir>/test/style-stub.js',
  },
  globals: {
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: true,
    ENABLE_SIZE_APIS: true,
    ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_CLONE_NODE: true,
    ENABLE_CONTAINS: true,
    ENABLE_MUTATION_OBSERVER: true,
    DEPRECATED_ADAPTER_COMPONENT: false,
  },
};
