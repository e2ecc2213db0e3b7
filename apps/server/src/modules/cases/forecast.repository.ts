import type { TLocalizedText } from '@sagsgang/contracts';
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';
import './cases.tables.js';

export interface DecidedRow {
  case_type_id: string;
  duration_days: number;
  received_date: string;
  decided_date: string;
  phases: string[];
}

export interface DecidedQuery {
  caseTypeIds: readonly string[];
  /** At most this many per case type, the most recently decided. */
  limit: number;
  /** Only cases decided before this local date (the backtest replays the past). */
  decidedBefore?: string;
}

/** One case of the window of experience: decided within it, or still open (decided_date null). */
export interface ExperienceRow {
  case_type_id: string;
  received_date: string;
  decided_date: string | null;
}

export interface ExperienceQuery {
  caseTypeIds: readonly string[];
  /** The first local date of the window: cases decided on or after it, and every open case. */
  decidedFrom: string;
}

/**
 * The most recent decided cases of each case type, each type one range of case_clock_forecast_idx (LATERAL …
 * LIMIT), so the cost follows the window, not the history or the event log.
 */
export function recentDecidedQuery(q: DecidedQuery): RawBuilder<DecidedRow> {
  return sql<DecidedRow>`
    SELECT t.id AS case_type_id, d.duration_days, d.received_date::text AS received_date,
           d.decided_date::text AS decided_date, d.phases
    FROM unnest(${[...q.caseTypeIds]}::uuid[]) AS t(id)
    CROSS JOIN LATERAL (
      SELECT (k.decided_date - k.received_date) AS duration_days, k.received_date, k.decided_date, k.phases
      FROM case_clock k
      WHERE k.case_type_id = t.id AND k.decided_date IS NOT NULL AND k.decided_date < ${q.decidedBefore ?? '9999-12-31'}::date
      ORDER BY k.decided_date DESC, k.case_id DESC
      LIMIT ${q.limit}
    ) d`;
}

/**
 * The survival forecast's read: per case type, the cases decided within the window (a range of
 * case_clock_forecast_idx) and the open cases (a range of case_clock_open_forecast_idx); never the event log.
 */
export function experienceQuery(q: ExperienceQuery): RawBuilder<ExperienceRow> {
  return sql<ExperienceRow>`
    SELECT t.id AS case_type_id, d.received_date::text AS received_date, d.decided_date::text AS decided_date
    FROM unnest(${[...q.caseTypeIds]}::uuid[]) AS t(id)
    CROSS JOIN LATERAL (
      SELECT k.received_date, k.decided_date FROM case_clock k
      WHERE k.case_type_id = t.id AND k.decided_date IS NOT NULL AND k.decided_date >= ${q.decidedFrom}::date
      UNION ALL
      SELECT o.received_date, NULL::date FROM case_clock o
      WHERE o.case_type_id = t.id AND o.decided_date IS NULL
    ) d`;
}

/** Every case of one type, decided or open: the history the calibration replays. */
export function caseTypeSpansQuery(caseTypeId: string): RawBuilder<ExperienceRow & { case_id: string }> {
  return sql<ExperienceRow & { case_id: string }>`
    SELECT k.case_id, k.case_type_id, k.received_date::text AS received_date, k.decided_date::text AS decided_date
    FROM case_clock k WHERE k.case_type_id = ${caseTypeId}`;
}

export const forecastRepository = {
  async recentDecided(executor: Executor, q: DecidedQuery): Promise<DecidedRow[]> {
    if (q.caseTypeIds.length === 0) return [];
    return (await recentDecidedQuery(q).execute(executor)).rows;
  },

  async experience(executor: Executor, q: ExperienceQuery): Promise<ExperienceRow[]> {
    if (q.caseTypeIds.length === 0) return [];
    return (await experienceQuery(q).execute(executor)).rows;
  },

  async caseTypeSpans(executor: Executor, caseTypeId: string): Promise<(ExperienceRow & { case_id: string })[]> {
    return (await caseTypeSpansQuery(caseTypeId).execute(executor)).rows;
  },

  /** The window of experience each case type's current definition sets, in months (absent: the default). */
  async windowMonths(executor: Executor, caseTypeIds: readonly string[]): Promise<Map<string, number>> {
    if (caseTypeIds.length === 0) return new Map();
    const r = await sql<{ id: string; months: number }>`
      SELECT t.id, (v.definition->>'forecastWindowMonths')::int AS months
      FROM case_type t
      JOIN case_type_version v ON v.case_type_id = t.id AND v.version = t.current_version
      WHERE t.id = ANY(${[...caseTypeIds]}::uuid[]) AND v.definition ? 'forecastWindowMonths'`.execute(executor);
    return new Map(r.rows.map((row) => [row.id, row.months]));
  },

  /** Every case type's id. */
  async caseTypeIds(executor: Executor): Promise<string[]> {
    const rows = await executor.selectFrom('case_type').select('id').execute();
    return rows.map((r) => r.id);
  },

  /** The case types' forecast versions; a type with no case yet has none (read as 0). */
  async versions(executor: Executor, caseTypeIds: readonly string[]): Promise<Map<string, number>> {
    if (caseTypeIds.length === 0) return new Map();
    const rows = await executor
      .selectFrom('case_forecast_version')
      .select(['case_type_id', 'version'])
      .where('case_type_id', 'in', [...caseTypeIds])
      .execute();
    return new Map(rows.map((r) => [r.case_type_id, Number(r.version)]));
  },

  /** A published case type by id or code, with its current name. */
  async caseTypeRef(
    executor: Executor,
    by: { id: string } | { code: string },
  ): Promise<{ id: string; code: string; name: TLocalizedText } | null> {
    const where = 'id' in by ? sql`t.id = ${by.id}::uuid` : sql`t.code = ${by.code}`;
    const r = await sql<{ id: string; code: string; name: TLocalizedText }>`
      SELECT t.id, t.code, v.definition->'name' AS name
      FROM case_type t JOIN case_type_version v ON v.case_type_id = t.id AND v.version = t.current_version
      WHERE ${where}`.execute(executor);
    return r.rows[0] ?? null;
  },

  /** The kept calibration of a case type, if any. */
  async calibration(
    executor: Executor,
    caseTypeId: string,
  ): Promise<{ version: number; asOfDate: string; figures: unknown } | null> {
    const r = await sql<{ forecast_version: string; as_of_date: string; figures: unknown }>`
      SELECT forecast_version, as_of_date::text AS as_of_date, figures
      FROM case_forecast_calibration WHERE case_type_id = ${caseTypeId}`.execute(executor);
    const row = r.rows[0];
    return row ? { version: Number(row.forecast_version), asOfDate: row.as_of_date, figures: row.figures } : null;
  },

  /** The case types whose kept calibration is of an earlier day than `asOfDate`. */
  async staleCalibrations(executor: Executor, asOfDate: string): Promise<string[]> {
    const r = await sql<{ case_type_id: string }>`
      SELECT case_type_id FROM case_forecast_calibration WHERE as_of_date < ${asOfDate}::date`.execute(executor);
    return r.rows.map((row) => row.case_type_id);
  },

  async keepCalibration(
    executor: Executor,
    c: { caseTypeId: string; version: number; asOfDate: string; figures: unknown },
  ): Promise<void> {
    await sql`
      INSERT INTO case_forecast_calibration (case_type_id, forecast_version, as_of_date, figures, computed_at)
      VALUES (${c.caseTypeId}, ${c.version}, ${c.asOfDate}::date, ${JSON.stringify(c.figures)}::jsonb, now())
      ON CONFLICT (case_type_id) DO UPDATE SET forecast_version = EXCLUDED.forecast_version,
        as_of_date = EXCLUDED.as_of_date, figures = EXCLUDED.figures, computed_at = EXCLUDED.computed_at`.execute(
      executor,
    );
  },
};
