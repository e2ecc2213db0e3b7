import { openDatabase, type Database, type PoolSettings } from './database.js';
import { connectedRole, grantApplicationRole } from './grants.js';
import { migrate } from './migrate.js';

export interface OwnerMigrationOptions {
  /** The application's own database (connected as the application role). */
  database: Database;
  /** DATABASE_OWNER_URL: the role that owns the tables and runs migrations. */
  ownerUrl?: string;
  production: boolean;
  settings?: Partial<PoolSettings>;
  log: { warn(message: string): void };
}

/**
 * Migrations (and the grants that follow them) run as the owner when DATABASE_OWNER_URL is set, so the role the
 * server runs as never needs the rights to alter, empty or disable the triggers of the audit log. Without it the
 * application's own connection migrates, as before, and a production server says so.
 */
export async function migrateAsOwner(options: OwnerMigrationOptions): Promise<string[]> {
  const { database, ownerUrl } = options;
  if (database.engine !== 'postgres' || !ownerUrl) {
    if (database.engine === 'postgres' && options.production) {
      options.log.warn(
        'DATABASE_OWNER_URL is not set: the server runs as the owner of its tables and could alter or empty the ' +
          'audit log; see docs/security.md',
      );
    }
    return migrate(database.pool);
  }
  const owner = await openDatabase({ url: ownerUrl, poolSize: 1, settings: options.settings });
  try {
    const applied = await migrate(owner.pool);
    const role = await connectedRole(database.pool);
    if (role !== (await connectedRole(owner.pool))) await grantApplicationRole(owner.pool, role);
    return applied;
  } finally {
    await owner.close();
  }
}
