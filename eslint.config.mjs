// One lint for the whole repo: typescript-eslint on every workspace, react-hooks on the client
// and the staff console.
// `npm run lint` runs this and `prettier --check` (format rules live in .prettierrc.json).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Money only through the engine's helpers (dec, toMoney, sumMoney, floor2 …, exported by
// @greenpoints/shared): a bare decimal.js has 20 digits and half-up rounding, not the
// engine's 34 digits and named roundings. The engine's own tests keep an independent oracle.
const decimalOnlyViaEngine = {
  name: 'decimal.js',
  message: "Use the money helpers of '@greenpoints/shared' (dec, toMoney, sumMoney, floor2 …).",
};
// One room per area (docs/architecture.md): only the composition roots (functions/src/wiring/;
// local/ sets up the local stack, ops/ backs up and restores the table) import repo/; the rest receives its stores as parameters.
const repoOnlyInRoots = {
  group: ['**/repo', '**/repo/*'],
  message: 'Only the composition roots (functions/src/wiring/) import repo/: take the store as a parameter (deps).',
};
const restricted = (...patterns) => ['error', { paths: [decimalOnlyViaEngine], patterns }];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.serverless/**',
      '**/.esbuild/**',
      '**/coverage/**',
      '.data/**',
      '.tmp/**',
      'test/e2e/screens/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-require-imports': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
      'max-len': [
        'error',
        {
          code: 140,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreUrls: true,
          ignoreRegExpLiterals: true,
          ignoreComments: true,
        },
      ],
    },
  },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    ignores: ['shared/src/**', 'shared/test/**'],
    rules: { 'no-restricted-imports': restricted() },
  },
  {
    files: ['functions/src/**/*.ts'],
    // ops/: backup and restore copy the whole table, item by item, below any store.
    ignores: ['functions/src/wiring/**', 'functions/src/repo/**', 'functions/src/local/**', 'functions/src/ops/**'],
    rules: { 'no-restricted-imports': restricted(repoOnlyInRoots) },
  },
  {
    // The domain reaches WeChat and token signing through the ports it receives (domain/deps.ts):
    // the adapters' contract (types.ts) only, no concrete adapter, no signer.
    files: ['functions/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': restricted(repoOnlyInRoots, {
        regex: '/(adapters/(?!wechat/types$)|auth/)',
        message: 'The domain receives its ports (deps): import only adapters/wechat/types.',
      }),
    },
  },
  {
    files: ['functions/src/adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': restricted({ group: ['**/domain/**'], message: 'Adapters import no domain module.' }),
    },
  },
  {
    // Tests read JSON answers loosely (`res.body.orderId`); the product code has no `any`.
    files: ['test/**/*.ts', '**/test/**/*.{ts,tsx}', '**/*.test.{ts,tsx}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['client/src/**/*.{ts,tsx}', 'client/test/**/*.{ts,tsx}', 'console/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Short functions in all production code of the server (issue 20 item 7); the in-memory test
    // doubles live with the tests (functions/test/doubles). faults.ts is the local chaos test's.
    files: ['functions/src/**/*.ts'],
    ignores: ['functions/src/repo/faults.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 70, skipBlankLines: true, skipComments: true }] },
  },
  {
    // Short functions (issue 20): a page is split into components beside it, each with its test.
    files: ['client/src/**/*.{ts,tsx}', 'console/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: { 'max-lines-per-function': ['error', { max: 70, skipBlankLines: true, skipComments: true }] },
  },
);
