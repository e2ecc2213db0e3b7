import { sql } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';

/** The cheapest round trip to the database: it throws when the database cannot answer. */
export async function pingDatabase(db: Executor): Promise<void> {
  await sql`SELECT 1`.execute(db);
}
