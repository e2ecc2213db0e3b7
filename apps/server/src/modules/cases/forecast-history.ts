/**
 * The window of experience each case type's forecast rests on — the cases decided in the last 12 months and the
 * cases still open — turned into a survival curve and kept in memory per database. Every use checks it against the
 * case type's forecast version (one indexed read for any number of types): the version moves in the transaction of
 * every change to the type's clock rows (a trigger on case_clock), so a node builds the curve again exactly when
 * another node, or this one, changed the cases behind it, or when the day (and so every open case's age) moved.
 * Reading the version before the rows means a curve is never newer than its mark.
 */
import {
  addCalendarDays,
  calendarDaysBetween,
  DEFAULT_WINDOW_DAYS,
  weeklySurvivalCurvesOf,
  type WeeklySurvivalCurves,
} from '@sagsgang/clock';
import type { Executor } from '../../platform/db/transaction.js';
import { forecastRepository, type ExperienceRow } from './forecast.repository.js';

/** Days of experience the forecast uses unless the case type sets its own: the last 12 months, and the open cases. */
export const FORECAST_WINDOW_DAYS = DEFAULT_WINDOW_DAYS;

/** A case type's window of experience in days: its own setting in months, or 12 months. */
export function forecastWindowDays(windowMonths: number | null | undefined): number {
  return windowMonths ? Math.round((windowMonths * 365.25) / 12) : FORECAST_WINDOW_DAYS;
}

export interface ForecastExperience {
  /** The curve of all the type's cases, and one per weekday of receipt (see weekly-survival in @sagsgang/clock). */
  curves: WeeklySurvivalCurves;
  windowDays: number;
  /** Cases decided within the window, and cases open (censored at their age). */
  decided: number;
  open: number;
}

interface Entry {
  version: number;
  today: string;
  experience: ForecastExperience;
}

const caches = new WeakMap<Executor, Map<string, Entry>>();

const epochDay = (date: string): number => calendarDaysBetween('1970-01-01', date);

/**
 * Days on one scale: a case received on day R starts at R, one decided on day D is decided at D + 1 (the end of that
 * day, so a case decided on its day of receipt took a day and counts), and the curve is as of the end of `today`,
 * a moment later, so a case decided today is a decision and an open case has waited through today.
 */
export const END_OF_TODAY = 1 + 1e-6;
export const experienceDay = {
  received: (date: string): number => epochDay(date),
  decided: (date: string): number => epochDay(date) + 1,
  asOf: (today: string): number => epochDay(today) + END_OF_TODAY,
};

/** The curves of the window ending with `today`, from the clock rows of one case type. */
export function experienceOf(
  rows: readonly ExperienceRow[],
  today: string,
  windowDays = FORECAST_WINDOW_DAYS,
): ForecastExperience {
  const asOf = experienceDay.asOf(today);
  const decided: { start: number; decision: number }[] = [];
  const open: { start: number }[] = [];
  for (const r of rows) {
    if (r.received_date > today) continue; // not yet received as of today (asOf lies a moment past midnight)
    const start = experienceDay.received(r.received_date);
    if (r.decided_date === null) open.push({ start });
    else decided.push({ start, decision: experienceDay.decided(r.decided_date) });
  }
  const curves = weeklySurvivalCurvesOf({ asOf, decided, open, windowDays });
  return { curves, windowDays, decided: decided.filter((d) => d.decision < asOf).length, open: open.length };
}

async function readExperiences(
  db: Executor,
  caseTypeIds: readonly string[],
  today: string,
): Promise<Map<string, ForecastExperience>> {
  const months = await forecastRepository.windowMonths(db, caseTypeIds);
  const windows = new Map(caseTypeIds.map((id) => [id, forecastWindowDays(months.get(id))]));
  // The widest window's first day, one day early: a case decided then still touches it (experienceOf cuts it).
  const decidedFrom = addCalendarDays(today, -Math.max(...windows.values()) - 1);
  const rows = await forecastRepository.experience(db, { caseTypeIds, decidedFrom });
  const byType = new Map<string, ExperienceRow[]>(caseTypeIds.map((id) => [id, []]));
  for (const r of rows) byType.get(r.case_type_id)!.push(r);
  return new Map([...byType].map(([id, list]) => [id, experienceOf(list, today, windows.get(id))]));
}

/**
 * Each case type's experience as of `today`, from memory when neither its version nor the day has moved (the version
 * moves with every change to the type's clock rows and with every new version of its definition, which may set its
 * own window). `known`: versions the caller read with its cases just before (the same mark, read before the rows);
 * the others are read.
 */
export async function forecastExperiences(
  db: Executor,
  caseTypeIds: readonly string[],
  today: string,
  known: ReadonlyMap<string, number> = new Map(),
): Promise<Map<string, ForecastExperience>> {
  const ids = [...new Set(caseTypeIds)];
  if (ids.length === 0) return new Map();
  // A transaction may see its own uncommitted changes: read them fresh, and keep nothing it saw.
  if (db.isTransaction) return readExperiences(db, ids, today);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const versions = ids.every((id) => known.has(id)) ? known : await forecastRepository.versions(db, ids);
  const stale = ids.filter((id) => {
    const e = cache.get(id);
    return !e || e.version !== (versions.get(id) ?? 0) || e.today !== today;
  });
  if (stale.length > 0) {
    const read = await readExperiences(db, stale, today);
    for (const id of stale) cache.set(id, { version: versions.get(id) ?? 0, today, experience: read.get(id)! });
  }
  return new Map(ids.map((id) => [id, cache.get(id)!.experience]));
}

/**
 * Builds every case type's curves as of today into memory at start-up: otherwise the first case page after a start
 * reads a year of the type's experience while its citizen waits.
 */
export async function warmForecasts(db: Executor, today: string): Promise<number> {
  const ids = await forecastRepository.caseTypeIds(db);
  await forecastExperiences(db, ids, today);
  return ids.length;
}
