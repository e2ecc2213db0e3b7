// `npm run db:grant -- --role NAME`: the PostgreSQL role the server runs as, with least privilege.
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from './platform/config.js';
import { openDatabase } from './platform/db/database.js';
import { grantApplicationRole, isRoleName } from './platform/db/grants.js';
import { migrate } from './platform/db/migrate.js';

const USAGE = `usage: npm run db:grant -- --role NAME

Run as the owner of the tables (DATABASE_OWNER_URL, or DATABASE_URL when that is the owner): migrates, creates the
login role NAME when it does not exist (without a password: set one with ALTER ROLE, or use certificate or peer
authentication), and grants it read and write on the ordinary tables, only read and insert on audit_log, and no
right to alter, empty or disable triggers on any table. Then point DATABASE_URL at NAME and DATABASE_OWNER_URL at
the owner; the server renews the grants itself after each migration.`;

function parse(): string | undefined {
  try {
    const { values } = parseArgs({ options: { role: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
    return !values.help && values.role && isRoleName(values.role) ? values.role : undefined;
  } catch {
    return undefined;
  }
}

const role = parse();
if (!role) {
  console.error(USAGE);
  process.exit(2);
}
const config = loadConfigOrExit();
const url = config.databaseOwnerUrl ?? config.databaseUrl;
if (!url) {
  console.error('db:grant is for PostgreSQL: set DATABASE_OWNER_URL (or DATABASE_URL) to the owner role.');
  process.exit(2);
}
const database = await openDatabase({ url });
try {
  await migrate(database.pool);
  const { created } = await grantApplicationRole(database.pool, role);
  console.log(`${created ? 'Created' : 'Updated'} the role "${role}": least privilege granted.`);
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await database.close();
}
