import type { AppContext } from './context.js';
import { appliedSchemaVersion, readMigrations } from './db/migrate.js';
import { checkFileStore, type FileStoreCheck } from './files/file-store-identity.js';

export interface Readiness {
  ready: boolean;
  status: 'ok' | 'unavailable' | 'draining';
  /** 'ok', 'unreachable' (it answered with an error) or 'timeout' (it did not answer in time). */
  database: 'ok' | 'unreachable' | 'timeout';
  /** 'ok' when every migration this node knows is applied; 'behind' when some are not; 'unknown' without a database. */
  migrations: 'ok' | 'behind' | 'unknown';
  /** 'ok' when the file store carries this database's marker; 'unchecked' where start-up claimed no store. */
  files: FileStoreCheck | 'unchecked';
}

class Timeout extends Error {}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Whether this node should receive traffic: not while shutting down, and only when its database answers within the
 * time-out with the schema this code expects. Never hangs: a database that does not answer counts as down.
 */
export function readinessProbe(ctx: AppContext): () => Promise<Readiness> {
  const migrations = readMigrations();
  const expected = migrations[migrations.length - 1]?.name ?? null;
  return async () => {
    const identity = ctx.lifecycle.fileStoreIdentity;
    const files = identity === undefined ? 'unchecked' : await checkFileStore(ctx.files, identity);
    if (ctx.lifecycle.draining) {
      return { ready: false, status: 'draining', database: 'ok', migrations: 'unknown', files };
    }
    try {
      const applied = await within(ctx.config.database.readinessTimeoutMs, appliedSchemaVersion(ctx.database.pool));
      const current = expected === null || (applied !== null && applied >= expected);
      const ready = current && (files === 'ok' || files === 'unchecked');
      return {
        ready,
        status: ready ? 'ok' : 'unavailable',
        database: 'ok',
        migrations: current ? 'ok' : 'behind',
        files,
      };
    } catch (err) {
      return {
        ready: false,
        status: 'unavailable',
        database: err instanceof Timeout ? 'timeout' : 'unreachable',
        migrations: 'unknown',
        files,
      };
    }
  };
}
