import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import sagsgang from './scripts/lint/plugin.js';

// Test code and benchmarks may reach into a module and write SQL: they set up and measure what they test.
const TESTS = ['**/*.test.ts', 'apps/server/test/**', 'apps/server/bench/**'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'apps/server/public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['apps/web/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser } } },

  // The boundaries of the house (scripts/lint/rules/). Import cycles are checked by dependency-cruiser
  // (.dependency-cruiser.cjs), also in `npm run lint`.
  { plugins: { sagsgang } },
  // Another server module only through its index.js; a module's own tests are module code too.
  { files: ['apps/server/src/**/*.ts'], rules: { 'sagsgang/module-face': 'error' } },
  {
    files: ['apps/server/src/platform/**/*.ts'],
    ignores: TESTS,
    rules: { 'sagsgang/platform-knows-no-module': 'error' },
  },
  {
    files: ['apps/server/**/*.ts'],
    ignores: ['**/*.repository.ts', 'apps/server/src/platform/**', 'apps/server/src/db/**', ...TESTS],
    rules: { 'sagsgang/sql-in-repositories': 'error' },
  },
  // Apps may use every package; packages never use an app; contracts and clock stand on their own.
  { files: ['apps/**', 'packages/**'], rules: { 'sagsgang/workspace-imports': ['error', { allow: ['packages/*'] }] } },
  {
    files: ['packages/contracts/**', 'packages/clock/**'],
    rules: { 'sagsgang/workspace-imports': ['error', { allow: [] }] },
  },
  // The case-type editor's tests round-trip the demo authority's case types, the one realistic fixture web and
  // server share; nothing else of the server.
  {
    files: ['apps/web/**/*.test.ts'],
    rules: {
      'sagsgang/workspace-imports': [
        'error',
        { allow: ['packages/*', 'apps/server/src/modules/demo/case-types/demo-case-types.ts'] },
      ],
    },
  },
);
