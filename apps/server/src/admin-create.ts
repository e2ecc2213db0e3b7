// `npm run admin:create -- --username NAME --name "Full Name" [--email ADDRESS]`: the way into a new installation.
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from './platform/config.js';
import { openDatabase } from './platform/db/database.js';
import { migrateAsOwner } from './platform/db/owner-migration.js';
import { isAppError } from './platform/errors.js';
import { createFirstAdministrator } from './administrator.js';

const USAGE = `usage: npm run admin:create -- --username NAME --name "FULL NAME" [--email ADDRESS]

Creates an administrator of the whole authority (and the authority's root unit on an empty database), or, for a
user name that already administers it, replaces their way in. Prints a one-time link, valid for 24 hours, by which
the administrator chooses a password. Uses the same settings as the server (DATABASE_URL, PUBLIC_URL, ...).`;

function parse(): { username: string; displayName: string; email?: string } | undefined {
  try {
    const { values } = parseArgs({
      options: {
        username: { type: 'string' },
        name: { type: 'string' },
        email: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    const username = values.username?.trim();
    if (values.help || !username || !/^[\p{L}\p{N}._@-]{2,100}$/u.test(username)) return undefined;
    return { username, displayName: values.name?.trim() || username, email: values.email?.trim() || undefined };
  } catch {
    return undefined;
  }
}

const who = parse();
if (!who) {
  console.error(USAGE);
  process.exit(2);
}
const config = loadConfigOrExit();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrateAsOwner({
    database,
    ownerUrl: config.databaseOwnerUrl,
    production: config.production,
    log: { warn: (message) => console.warn(message) },
  });
  const result = await createFirstAdministrator(config, database, who);
  if (result.createdUnit) console.log(`Created the authority "${config.authorityName}".`);
  console.log(
    result.createdUser
      ? `Created the administrator "${who.username}".`
      : `"${who.username}" already administers the authority: their earlier links no longer work.`,
  );
  console.log(
    `\nOpen this link once, before ${result.expiresAt.toISOString()}, to choose the password:\n\n  ${result.url}\n`,
  );
} catch (err) {
  console.error(isAppError(err) ? err.message : err);
  process.exitCode = 1;
} finally {
  await database.close();
}
