import { calibrationOf, localDateOf, snapshotBacktest, type Calibration, type CaseSpan } from '@sagsgang/clock';
import type { TForecastCalibration } from '@sagsgang/contracts';
import type { Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { scheduleRecurringJob } from '../../../platform/jobs/index.js';
import { forecastRepository } from '../forecast.repository.js';
import { FORECAST_WINDOW_DAYS, forecastWindowDays } from '../forecast-history.js';

const DAY_MS = 86_400_000;

/** How often a case type's forecast held over the last 12 months, replayed by calendar snapshots. */
export interface ForecastCalibration extends Calibration {
  /** The day the figures were computed for, and the first day of the 12 months replayed. */
  asOfDate: string;
  fromDate: string;
  /** Monday snapshots replayed, and the cases of the type behind the replay (decided or open). */
  snapshots: number;
  historyCases: number;
  /** The forecast version when the figures were computed (for the record: they are kept by the day). */
  version: number;
}

const midnight = (date: string): number => Date.parse(`${date}T00:00:00Z`);

/**
 * Replays the case type's own history: every Monday of the last 12 months, each case then open gets the forecast
 * the portal would have shown (the survival estimate from what was known then), and each promise whose date has
 * passed is scored against the decision.
 */
export async function computeForecastCalibration(
  db: Executor,
  caseTypeId: string,
  now: Date,
): Promise<Omit<ForecastCalibration, 'version'>> {
  const rows = await forecastRepository.caseTypeSpans(db, caseTypeId);
  const windowMonths = (await forecastRepository.windowMonths(db, [caseTypeId])).get(caseTypeId);
  const spans: CaseSpan[] = rows.map((r) => ({
    caseId: r.case_id,
    start: midnight(r.received_date),
    // Decided by the end of the decided day (as the portal's forecast counts it; see forecast-history.ts).
    end: r.decided_date === null ? Infinity : midnight(r.decided_date) + DAY_MS - 1,
  }));
  const asOfDate = localDateOf(now);
  const to = midnight(asOfDate);
  const from = to - FORECAST_WINDOW_DAYS * DAY_MS;
  const result = snapshotBacktest(spans, {
    evaluate: { from, to },
    windowDays: forecastWindowDays(windowMonths),
    keepForecasts: true,
    compareCurrent: false,
  });
  const decisions = new Map(spans.map((s) => [s.caseId, s.end]));
  return {
    ...calibrationOf(result.forecasts ?? [], decisions, now.getTime()),
    asOfDate,
    fromDate: new Date(from).toISOString().slice(0, 10),
    snapshots: result.span.snapshots,
    historyCases: spans.length,
  };
}

export const CALIBRATION_JOB = 'cases.refresh-forecast-calibration';

/** Computes a case type's calibration for the day of `now` and keeps it. */
export async function refreshForecastCalibration(
  db: Executor,
  caseTypeId: string,
  now: Date,
): Promise<ForecastCalibration> {
  const version = (await forecastRepository.versions(db, [caseTypeId])).get(caseTypeId) ?? 0;
  const figures = await computeForecastCalibration(db, caseTypeId, now);
  await forecastRepository.keepCalibration(db, { caseTypeId, version, asOfDate: figures.asOfDate, figures });
  return { ...figures, version };
}

/**
 * The calibration as data, by the day. A decision today cannot change whether a promise whose date has passed held
 * (it did not), and snapshots fall on Mondays, so the figures move with the day, not with each case: a page view
 * reads the kept row. When the day has moved on, it still shows the kept figures (they carry their date) and asks
 * the background job to compute the new day's; only a case type never computed is computed within the request.
 */
export async function getForecastCalibration(
  db: Executor,
  caseTypeId: string,
  now: Date,
): Promise<ForecastCalibration> {
  const kept = await forecastRepository.calibration(db, caseTypeId);
  if (!kept) return refreshForecastCalibration(db, caseTypeId, now);
  if (kept.asOfDate < localDateOf(now)) await scheduleRecurringJob(db, { kind: CALIBRATION_JOB });
  return { ...(kept.figures as Omit<ForecastCalibration, 'version'>), version: kept.version };
}

/** The job: every kept calibration older than today is computed again, one case type at a time. */
export async function refreshStaleCalibrations(db: Executor, now: Date, signal?: AbortSignal): Promise<number> {
  const stale = await forecastRepository.staleCalibrations(db, localDateOf(now));
  let refreshed = 0;
  for (const caseTypeId of stale) {
    if (signal?.aborted) break;
    await refreshForecastCalibration(db, caseTypeId, now);
    refreshed++;
  }
  return refreshed;
}

/** A published case type's calibration, by id (back office) or code (the public page); 404 for any other. */
export async function getCaseTypeCalibration(
  db: Executor,
  by: { id: string } | { code: string },
  now: Date,
): Promise<TForecastCalibration> {
  const ref = await forecastRepository.caseTypeRef(db, by);
  if (!ref) throw new AppError('not_found', 'No such case type.');
  const c = await getForecastCalibration(db, ref.id, now);
  return {
    caseTypeId: ref.id,
    caseTypeCode: ref.code,
    caseTypeName: ref.name,
    asOfDate: c.asOfDate,
    fromDate: c.fromDate,
    snapshots: c.snapshots,
    historyCases: c.historyCases,
    all: c.all,
    bands: c.bands,
  };
}
