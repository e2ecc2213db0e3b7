import { sql } from 'kysely';
import type { Executor } from './transaction.js';

/** A round trip to the database; throws when it cannot answer. */
export async function pingDatabase(db: Executor): Promise<void> {
  await sql`SELECT 1`.execute(db);
}
