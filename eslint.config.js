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
  // server share; nothing else of the server. (Follow the file when the demo data moves under modules/demo/.)
  {
    files: ['apps/web/**/*.test.ts'],
    rules: {
      'sagsgang/workspace-imports': [
        'error',
        { allow: ['packages/*', 'apps/server/src/modules/case-types/demo-case-types.ts'] },
      ],
    },
  },

  // TEMPORARY allow-list: known breaches that branches in flight remove (SQL moved into repositories, demo data
  // under modules/demo/ behind repository bulk inserts, composition beside app.ts). They show as warnings in every
  // lint run, so the list stays visible; delete this block once those branches have landed, and lint fails on any
  // file still listed.
  {
    files: [
      'apps/server/src/modules/audit/audit.service.ts',
      'apps/server/src/modules/cases/demo-history.ts',
      'apps/server/src/modules/cases/use-cases/get-decided-history.ts',
      'apps/server/src/modules/cases/use-cases/get-screening-events.ts',
      'apps/server/src/modules/cases/use-cases/read-event-log.ts',
      'apps/server/src/modules/demo/run-demo-seed.ts',
      'apps/server/src/modules/demo/seed-organisation.ts',
      'apps/server/src/modules/navigator/use-cases/analysis-access.ts',
      'apps/server/src/modules/org/admin-reach.ts',
    ],
    rules: { 'sagsgang/sql-in-repositories': 'warn' },
  },
  {
    files: [
      'apps/server/src/modules/navigator/case-path.db.test.ts',
      'apps/server/src/modules/navigator/case-population.db.test.ts',
    ],
    rules: { 'sagsgang/module-face': 'warn' },
  },
  { files: ['apps/server/src/platform/startup.ts'], rules: { 'sagsgang/platform-knows-no-module': 'warn' } },
);
