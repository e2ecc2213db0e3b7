import { expect, test } from 'vitest';
import { describeEachEngine } from '../../../test/support/test-database.js';
import type { JobLogger } from '../context.js';
import { loadConfig } from '../config.js';
import { Lifecycle } from '../lifecycle.js';
import { buildModuleRegistry } from '../module-registry.js';
import { enqueueJob } from './job-queue.js';
import { JobRunner } from './job-runner.js';
import { openFileStorage } from '../files/open-file-storage.js';

/** A logger like pino's: a child carries its bindings into every line it writes. */
function recordingLogger(lines: object[], bindings: object = {}): JobLogger {
  const write = (obj: object, msg?: string) => void lines.push({ ...bindings, ...obj, msg });
  return { info: write, warn: write, error: write, child: (more) => recordingLogger(lines, { ...bindings, ...more }) };
}

describeEachEngine('job log lines', (database, engine) => {
  test("every line a job writes, and the runner's line when it fails, carry the job's id and kind", async () => {
    const lines: object[] = [];
    const kind = `log-test-${engine}`;
    const registry = buildModuleRegistry([
      {
        name: 'test',
        jobs: {
          [kind]: {
            handler: async (_job, { log }) => {
              log.info({ step: 1 }, 'working');
              throw new Error('no luck');
            },
          },
        },
      },
    ]);
    const config = loadConfig({ ...process.env, DATABASE_URL: '' }, { seedDemo: false });
    const runner = new JobRunner({
      ctx: { config, database: database(), registry, lifecycle: new Lifecycle(), files: openFileStorage(config) },
      log: recordingLogger(lines),
    });
    const id = await enqueueJob(database().db, { kind, maxAttempts: 1 });
    expect(await runner.runOnce()).toBe(true);
    expect(lines).toEqual([
      { jobId: id, jobKind: kind, step: 1, msg: 'working' },
      expect.objectContaining({ jobId: id, jobKind: kind, msg: 'job failed' }),
    ]);
  });
});
