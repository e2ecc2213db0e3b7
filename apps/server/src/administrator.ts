import type { Database } from './platform/db/database.js';
import { inTransaction } from './platform/db/transaction.js';
import type { AppConfig } from './platform/config.js';
import { ensureAdministrator } from './modules/org/index.js';
import { issuePasswordSetupLink } from './modules/auth/index.js';

export interface FirstAdministrator {
  username: string;
  displayName: string;
  email?: string;
}

/**
 * `npm run admin:create`: the authority's first administrator (or a fresh way in for an existing one), with a
 * one-time link to choose a password instead of any password printed or stored. One transaction: either the user,
 * their role and the link all exist, or none does.
 */
export async function createFirstAdministrator(
  config: AppConfig,
  database: Database,
  who: FirstAdministrator,
): Promise<{ url: string; expiresAt: Date; createdUnit: boolean; createdUser: boolean }> {
  return inTransaction(database.db, async (trx) => {
    const admin = await ensureAdministrator(trx, {
      username: who.username,
      displayName: who.displayName,
      email: who.email ?? null,
      authority: { code: 'authority', nameDa: config.authorityName, nameEn: config.authorityName },
    });
    const link = await issuePasswordSetupLink(trx, { userId: admin.userId, publicUrl: config.publicUrl });
    return { ...link, createdUnit: admin.createdUnit, createdUser: admin.createdUser };
  });
}
