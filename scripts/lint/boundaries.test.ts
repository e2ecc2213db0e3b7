import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

// The boundary rules run here through the project's own eslint.config.js, so a rule or a `files` pattern that
// stops matching fails this test rather than letting breaches through silently.
const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

/** The project's own findings for `code` as if it were the file `file`: "rule line:column" per finding. */
async function breaches(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages
    .filter((m) => m.ruleId?.startsWith('sagsgang/'))
    .map((m) => `${m.ruleId!.slice('sagsgang/'.length)} ${m.severity === 2 ? 'error' : 'warning'} ${m.line}`);
}

const PORTAL = 'apps/server/src/modules/portal/some-page.ts';
const USE_CASE = 'apps/server/src/modules/cases/use-cases/some-use-case.ts';

describe('a server module is entered only through its index.js', () => {
  test('a deep import into another module is an error, in every form of import', async () => {
    const code = [
      "import { findCase } from '../cases/cases.repository.js';",
      "import type { CaseRow } from '../cases/cases.tables.js';",
      "export { openCase } from '../cases/use-cases/open-case.js';",
      "export * from '../case-types/demo-case-types.js';",
      "const later = () => import('../cases/cases.routes.js');",
      'type Later = import("../cases/cases.tables.js").CaseRow;',
      'export { findCase, later, type CaseRow, type Later };',
    ].join('\n');
    expect(await breaches(PORTAL, code)).toEqual([1, 2, 3, 4, 5, 6].map((line) => `module-face error ${line}`));
  });

  test("another module's face, and anything inside the own module, are fine", async () => {
    const code = [
      "import { openCase } from '../cases/index.js';",
      "import { render } from './render.js';",
      "import { AppError } from '../../platform/errors.js';",
      'export { openCase, render, AppError };',
    ].join('\n');
    expect(await breaches(PORTAL, code)).toEqual([]);
    expect(await breaches(USE_CASE, "export { findCase } from '../cases.repository.js';")).toEqual([]);
  });

  test('files outside the modules (app.ts, the composition root) also go through the face', async () => {
    const code =
      "export { caseRoutes } from './modules/cases/cases.routes.js';\nexport * from './modules/cases/index.js';";
    expect(await breaches('apps/server/src/composition.ts', code)).toEqual(['module-face error 1']);
  });
});

describe('the platform knows no module', () => {
  const code = "export { DEMO_SEED_STEPS } from '../../modules/demo/index.js';";

  test('an import from modules/ into platform/ is an error, the face included', async () => {
    expect(await breaches('apps/server/src/platform/jobs/some-job.ts', code)).toEqual([
      'platform-knows-no-module error 1',
    ]);
  });

  test('the composition root beside app.ts may import modules', async () => {
    expect(await breaches('apps/server/src/composition.ts', "export * from './modules/demo/index.js';")).toEqual([]);
    expect(await breaches('apps/server/src/main.ts', "export * from './modules/demo/index.js';")).toEqual([]);
  });
});

describe('SQL only in repositories', () => {
  const kyselyInUseCase = [
    "import { sql } from 'kysely';",
    "import type { Transaction } from 'kysely';",
    'export async function load(db: Transaction<never>) {',
    "  await db.selectFrom('unit').selectAll().execute();",
    '  await sql`SELECT 1`.execute(db);',
    "  await db.updateTable('unit').set({}).execute();",
    '}',
  ].join('\n');

  test('a value import from kysely, a query builder and the sql tag in a use case are errors; a type is not', async () => {
    expect(await breaches(USE_CASE, kyselyInUseCase)).toEqual([
      'sql-in-repositories error 1',
      'sql-in-repositories error 4',
      'sql-in-repositories error 5',
      'sql-in-repositories error 6',
    ]);
  });

  test('repositories, the platform, migrations, tests and benchmarks may write SQL', async () => {
    for (const file of [
      'apps/server/src/modules/cases/cases.repository.ts',
      'apps/server/src/platform/db/some-helper.ts',
      'apps/server/src/db/some-migration-helper.ts',
      'apps/server/src/modules/cases/some.db.test.ts',
      'apps/server/test/support/some-factory.ts',
      'apps/server/bench/some.bench.ts',
    ]) {
      expect(await breaches(file, kyselyInUseCase), file).toEqual([]);
    }
  });
});

describe('workspaces import only what they may', () => {
  test('a package importing an app is an error, by path or by package name', async () => {
    const code = "export * from '../../../apps/server/src/app.js';\nexport * from '@sagsgang/web';";
    expect(await breaches('packages/mining/src/some-file.ts', code)).toEqual([
      'workspace-imports error 1',
      'workspace-imports error 2',
    ]);
  });

  test('contracts and clock import no other workspace; mining may use the other packages', async () => {
    expect(await breaches('packages/clock/src/some-file.ts', "export * from '@sagsgang/contracts';")).toEqual([
      'workspace-imports error 1',
    ]);
    expect(await breaches('packages/contracts/src/some-file.ts', "export * from '@sagsgang/clock';")).toEqual([
      'workspace-imports error 1',
    ]);
    expect(await breaches('packages/mining/src/some-file.ts', "export * from '@sagsgang/clock';")).toEqual([]);
  });

  test('the back office imports packages but never the server', async () => {
    const code = [
      "export * from '@sagsgang/contracts/i18n';",
      "export * from '../../server/src/platform/errors.js';",
      "export * from '@sagsgang/server';",
    ].join('\n');
    expect(await breaches('apps/web/src/some-file.ts', code)).toEqual([
      'workspace-imports error 2',
      'workspace-imports error 3',
    ]);
  });
});

describe('no import cycle', () => {
  test('the checker reports a cycle made of type imports only, and nothing else', async () => {
    const run = promisify(execFile);
    const fixture = 'scripts/lint/fixtures/type-cycle';
    const result = await run(
      'npx',
      ['depcruise', fixture, '--config', '.dependency-cruiser.cjs', '--output-type', 'json'],
      { cwd: root },
    ).catch((err: { stdout: string }) => err);
    const { summary } = JSON.parse(result.stdout);
    const cycles = summary.violations.map(
      (v: { rule: { name: string; severity: string }; from: string; to: string }) =>
        `${v.rule.name} ${v.rule.severity} ${path.basename(v.from)} -> ${path.basename(v.to)}`,
    );
    expect(cycles).toEqual(['no-circular error case-view.ts -> event-view.ts']);
    expect(summary.error).toBe(1);
  });
});
