import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Tests run the workspace packages from their sources, never from a build that may be missing or stale: the
// packages export `src/` under this condition (see their package.json). Without `module`, as Node itself resolves:
// some packages (the AWS SDK) point `module` at builds only a bundler can load.
const conditions = ['sagsgang-source', ...defaultServerConditions.filter((c) => c !== 'module')];

// One run covers every workspace. Browser journeys are their own project: they start a server and Chromium,
// so they run one file at a time with generous timeouts.
export default defineConfig({
  ssr: { resolve: { conditions } },
  test: {
    reporters: ['default', './scripts/vitest-count-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'packages/*/test/**/*.test.ts',
            'apps/*/src/**/*.test.ts',
            'apps/*/test/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**', '**/*.browser.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['apps/*/test/**/*.browser.test.ts', 'apps/*/src/**/*.browser.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
