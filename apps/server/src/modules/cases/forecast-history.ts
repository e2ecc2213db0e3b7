/**
 * The decided history each case type's forecast rests on, kept in memory per database and checked on every use
 * against the case type's forecast version (one indexed read for any number of types). The version moves in the
 * transaction of every decision (a trigger on case_clock), so a node re-reads a history exactly when another node,
 * or this one, changed it; reading the version before the history means a history is never newer than its mark.
 */
import type { Executor } from '../../platform/db/transaction.js';
import { forecastRepository } from './forecast.repository.js';
import { toDecidedCase, type DecidedCase } from './use-cases/get-decided-history.js';

/** The most recent decided cases a forecast uses: recent cases are the relevant ones (as in the backtest). */
export const FORECAST_WINDOW = 500;

interface Entry {
  version: number;
  history: DecidedCase[];
}

const caches = new WeakMap<Executor, Map<string, Entry>>();

async function readHistories(db: Executor, caseTypeIds: readonly string[]): Promise<Map<string, DecidedCase[]>> {
  const rows = await forecastRepository.recentDecided(db, { caseTypeIds, limit: FORECAST_WINDOW });
  const out = new Map<string, DecidedCase[]>(caseTypeIds.map((id) => [id, []]));
  for (const r of rows) out.get(r.case_type_id)!.push(toDecidedCase(r));
  return out;
}

/** Each case type's most recent decided cases (newest first), from memory when its version has not moved. */
export async function decidedHistories(
  db: Executor,
  caseTypeIds: readonly string[],
): Promise<Map<string, DecidedCase[]>> {
  const ids = [...new Set(caseTypeIds)];
  if (ids.length === 0) return new Map();
  // A transaction may see its own uncommitted decisions: read them fresh, and keep nothing it saw.
  if (db.isTransaction) return readHistories(db, ids);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const versions = await forecastRepository.versions(db, ids);
  const stale = ids.filter((id) => cache.get(id)?.version !== (versions.get(id) ?? 0));
  if (stale.length > 0) {
    const read = await readHistories(db, stale);
    for (const id of stale) cache.set(id, { version: versions.get(id) ?? 0, history: read.get(id)! });
  }
  return new Map(ids.map((id) => [id, cache.get(id)!.history]));
}
