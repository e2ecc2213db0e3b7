import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.js';

/** A database or a transaction: repositories take either, the use case decides which. */
export type Executor = Kysely<DB> | Transaction<DB>;

/** Runs `work` in a transaction, or inside the caller's transaction when already in one. */
export function inTransaction<T>(executor: Executor, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  if (executor.isTransaction) return work(executor as Transaction<DB>);
  return executor.transaction().execute(work);
}
