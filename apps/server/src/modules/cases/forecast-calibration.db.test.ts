/**
 * The calibration the back office and the public page show: recounted from the clock rows without the snapshot
 * backtest or the calibration tally, and kept as data until the day moves.
 */
import { expect, test } from 'vitest';
import { sql } from 'kysely';
import { forecastSurvival } from '@sagsgang/clock';
import { describeEachEngine } from '../../../test/support/test-database.js';
import { countQueries } from '../../../test/support/query-counter.js';
import { generateDemoHistory } from '../demo/index.js';
import {
  CALIBRATION_JOB,
  getCaseTypeCalibration,
  refreshForecastCalibration,
  refreshStaleCalibrations,
} from './use-cases/get-forecast-calibration.js';
import { decideCase } from './use-cases/decide-case.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const DAY = 86_400_000;

describeEachEngine('the calibration of the expected decision', (database) => {
  let typeId = '';
  let typeCode = '';

  test('the share of "9 of 10" dates that held, recounted from the clock rows, is the one shown', async () => {
    const { db } = database();
    await generateDemoHistory(db, { cases: 2000, seed: 11, now: NOW, batchSize: 500 });
    const type = (
      await sql<{ id: string; code: string }>`
        SELECT t.id, t.code FROM case_type t JOIN case_clock k ON k.case_type_id = t.id
        GROUP BY 1, 2 ORDER BY count(*) DESC, t.code LIMIT 1`.execute(db)
    ).rows[0];
    typeId = type.id;
    typeCode = type.code;
    const shown = await getCaseTypeCalibration(db, { id: typeId }, NOW);

    // The recount: every Monday 00:00 UTC of the last 365 days; each case open then gets the survival forecast
    // from its type's cases as known then; a "9 of 10" date counts once passed, and held if decided by it.
    const rows = (
      await sql<{ received: string; decided: string | null }>`
        SELECT received_date::text AS received, decided_date::text AS decided FROM case_clock
        WHERE case_type_id = ${typeId}`.execute(db)
    ).rows;
    const cases = rows.map((r) => ({
      start: Date.parse(`${r.received}T00:00:00Z`),
      // Decided by the end of the decided day.
      end: r.decided === null ? Infinity : Date.parse(`${r.decided}T00:00:00Z`) + DAY - 1,
    }));
    const today = Date.parse(`${NOW.toISOString().slice(0, 10)}T00:00:00Z`);
    let due = 0;
    let held = 0;
    let forecasts = 0;
    for (let at = today - 365 * DAY; at <= today; at += DAY) {
      if (new Date(at).getUTCDay() !== 1) continue;
      const decided = cases.map((c) => ({ start: c.start / DAY, decision: c.end / DAY }));
      for (const c of cases) {
        if (!(c.start <= at && c.end > at)) continue;
        const f = forecastSurvival({ asOf: at / DAY, decided, windowDays: 365, elapsedDays: (at - c.start) / DAY });
        if (f.confidence === 'none') continue;
        forecasts++;
        if (f.upperOpen) continue;
        const by = at + f.upperRemainingDays! * DAY;
        if (by > NOW.getTime()) continue;
        due++;
        if (c.end <= by) held++;
      }
    }
    expect(due).toBeGreaterThan(100);
    expect(shown.all.forecasts).toBe(forecasts);
    expect(shown.all.upper.due).toBe(due);
    expect(shown.all.upper.held).toBe(held);
    expect(shown.all.upper.share).toBeCloseTo(held / due, 12);
    // The bands split the same forecasts.
    expect(shown.bands.reduce((n, b) => n + b.forecasts, 0)).toBe(shown.all.forecasts);
  }, 120_000); // a year of history generated, then replayed twice

  test('the figures are kept by the day: a decision changes nothing due, the next day is computed in the background', async () => {
    const { db, pool } = database();
    const counter = countQueries(pool);
    const kept = await getCaseTypeCalibration(db, { code: typeCode }, NOW);
    expect(counter.count).toBe(2); // the case type, the kept figures
    const stored = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM case_forecast_calibration WHERE case_type_id = ${typeId}`.execute(db);
    expect(stored.rows[0].n).toBe(1);

    const open = (
      await sql<{ id: string; version: number; outcome: string }>`
        SELECT c.id, c.version, v.definition->'outcomes'->>0 AS outcome
        FROM case_file c JOIN case_type_version v ON v.id = c.case_type_version_id
        WHERE c.case_type_id = ${typeId} AND c.state IN ('received', 'in_progress') ORDER BY c.received_at LIMIT 1`.execute(
        db,
      )
    ).rows[0];
    await decideCase({ db, actor: { system: true, userId: null }, now: NOW }, open.id, {
      expectedVersion: open.version,
      outcome: open.outcome as 'granted',
      reasons: 'Decided by the test.',
      legalRules: ['§ 1'],
      appealGuidance: 'Appeal within four weeks.',
    });
    counter.reset();
    // No promise whose date has passed can change with a decision now: the kept figures stand, read in two queries.
    expect(await getCaseTypeCalibration(db, { code: typeCode }, NOW)).toEqual(kept);
    expect(counter.count).toBe(2);
    // ...and computing them afresh gives the same figures.
    const fresh = await refreshForecastCalibration(db, typeId, NOW);
    expect({ all: fresh.all, bands: fresh.bands }).toEqual({ all: kept.all, bands: kept.bands });

    // The next day: the page still answers from the kept figures, dated, and asks the job for the new day's.
    const tomorrow = new Date(NOW.getTime() + DAY);
    const stale = await getCaseTypeCalibration(db, { code: typeCode }, tomorrow);
    expect(stale.asOfDate).toBe(kept.asOfDate);
    const queued = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM job WHERE kind = ${CALIBRATION_JOB} AND status = 'pending'`.execute(db);
    expect(queued.rows[0].n).toBe(1);
    expect(await refreshStaleCalibrations(db, tomorrow)).toBeGreaterThanOrEqual(1);
    const next = await getCaseTypeCalibration(db, { code: typeCode }, tomorrow);
    expect(next.asOfDate).toBe(new Date(tomorrow).toISOString().slice(0, 10));
    expect(await refreshStaleCalibrations(db, tomorrow)).toBe(0);
    counter.stop();
  });

  test('an unknown case type is a 404, not an empty page', async () => {
    const { db } = database();
    await expect(getCaseTypeCalibration(db, { code: 'no-such-type' }, NOW)).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
