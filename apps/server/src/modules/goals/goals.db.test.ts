import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { expect, test } from 'vitest';
import { describeEachEngine } from '../../../test/support/test-database.js';
import { pdfAltTexts, pdfText } from '../../../test/support/pdf-text.js';
import { makeStaffUser, makeUnit, principalFor } from '../../../test/support/case-factories.js';
import type { AppContext, JobContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import { buildModuleRegistry } from '../../platform/module-registry.js';
import type { ModuleDescriptor } from '../../platform/context.js';
import { casesModule } from '../cases/index.js';
import { generateDemoHistory } from '../demo/index.js';
import { checkReport, discardReport, getReport, makeCommitteeReport, requestReport } from './committee-report.js';
import {
  approveContract,
  contractFollowUp,
  createContract,
  enterManualValue,
  getBreakdown,
  getDashboard,
  getIndicatorCases,
  setGoal,
} from './goals.service.js';
import { goalsModule } from './index.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const META = { requestId: 'test' };

/** A module that only registers an indicator kept for the authority as a whole: a target for a team is refused. */
const authorityOnly: ModuleDescriptor = {
  name: 'authority-figures',
  indicators: [
    {
      id: 'test.authority-only',
      labelKey: 'goals:col.value',
      descriptionKey: 'goals:col.value',
      unit: 'count',
      levels: ['authority'],
      compute: async () => ({ value: 1, basis: 1 }),
    },
  ],
};

function contextOf(database: Database): AppContext {
  return {
    database,
    registry: buildModuleRegistry([casesModule, goalsModule, authorityOnly]),
  } as unknown as AppContext;
}

async function world(database: Database) {
  const { db } = database;
  await generateDemoHistory(db, { cases: 1500, seed: 7, now: NOW });
  // The generated history puts its teams straight under the authority: group them in two centres.
  const authorityId = (await sql<{ id: string }>`SELECT id FROM unit WHERE kind = 'authority'`.execute(db)).rows[0].id;
  const centre = await makeUnit(db, authorityId, 'centre');
  const other = await makeUnit(db, authorityId, 'centre');
  await sql`UPDATE unit SET parent_id = ${centre.id} WHERE code LIKE 'udl-%'`.execute(db);
  await sql`UPDATE unit SET parent_id = ${other.id} WHERE code LIKE 'cb%'`.execute(db);
  const units = await sql<{ id: string; kind: string; parent_id: string | null; code: string }>`
    SELECT id, kind, parent_id, code FROM unit ORDER BY code`.execute(db);
  const authority = units.rows.find((u) => u.kind === 'authority')!;
  const team = units.rows.find((u) => u.parent_id === centre.id && u.code === 'udl-familie')!;
  const adminId = await makeStaffUser(db, 'Direktør');
  const leadId = await makeStaffUser(db, 'Centerchef');
  const admin = await principalFor(db, adminId, [{ role: 'admin', unitId: authority.id }]);
  const lead = await principalFor(db, leadId, [{ role: 'teamlead', unitId: centre.id }]);
  return { db, authority, centre, other, team, admin, lead };
}

async function counts(db: Database['db']) {
  const r = await sql<{ goals: number; values: number; reports: number }>`
    SELECT (SELECT count(*) FROM goal)::int AS goals, (SELECT count(*) FROM goal_manual_value)::int AS values,
           (SELECT count(*) FROM committee_report)::int AS reports`.execute(db);
  return r.rows[0];
}

describeEachEngine('goals', (database) => {
  test('a goal on the dashboard, its drill-down and the committee report hold the same numbers', async () => {
    const w = await world(database());
    const ctx = contextOf(database());
    const goal = await setGoal(
      ctx,
      w.lead,
      {
        unitId: w.centre.id,
        indicatorId: 'cases.decided-within-goal',
        area: 'service',
        period: '2026-Q1',
        target: 0.8,
        baseline: 0.7,
      },
      META,
    );
    await setGoal(
      ctx,
      w.lead,
      {
        unitId: w.centre.id,
        indicatorId: 'cases.processing-days-median',
        area: 'service',
        period: '2026-Q1',
        target: 30,
      },
      META,
    );
    await enterManualValue(
      ctx,
      w.lead,
      { indicatorId: 'goals.staff-turnover', unitId: w.centre.id, period: '2026-Q1', value: 0.12 },
      META,
      NOW,
    );
    await setGoal(
      ctx,
      w.lead,
      { unitId: w.centre.id, indicatorId: 'goals.staff-turnover', area: 'staff', period: '2026-Q1', target: 0.1 },
      META,
    );

    // The figure, straight from the clock rows of the centre's teams.
    const want = await sql<{ decided: number; within: number; median: number }>`
      SELECT count(*)::int AS decided, count(*) FILTER (WHERE goal_met)::int AS within,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY processing_days) AS median
      FROM case_clock k JOIN unit u ON u.id = k.unit_id
      WHERE (u.id = ${w.centre.id} OR u.parent_id = ${w.centre.id}) AND goal_met IS NOT NULL
        AND decided_date BETWEEN '2026-01-01' AND '2026-03-31'`.execute(w.db);
    const { decided, within, median } = want.rows[0];
    expect(decided).toBeGreaterThan(20);
    expect(goal).toMatchObject({ value: within / decided, basis: decided, target: 0.8 });
    expect(goal.state).toBe(within / decided >= 0.8 ? 'met' : 'not_met');
    expect(goal.trend.map((x) => x.period)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);

    // The authority's dashboard shows the centre's goals; the centre's lead sees them, not another centre's.
    const board = await getDashboard(ctx, w.admin, { period: '2026-Q1' });
    expect(board.unitId).toBe(w.authority.id);
    expect(board.goals).toHaveLength(3);
    const shown = new Map(board.goals.map((g) => [g.indicatorId, g]));
    expect(shown.get('cases.processing-days-median')!.value).toBeCloseTo(median, 9);
    expect(shown.get('goals.staff-turnover')).toMatchObject({ value: 0.12, state: 'not_met', basis: 1 });
    await expect(getDashboard(ctx, w.lead, { unitId: w.other.id, period: '2026-Q1' })).rejects.toMatchObject({
      code: 'forbidden',
    });

    // Drill-down: authority → centre → team → case type → the cases.
    const top = await getBreakdown(ctx, w.admin, {
      indicatorId: 'cases.decided-within-goal',
      unitId: w.authority.id,
      period: '2026-Q1',
    });
    const viaCentre = top.children.find((c) => c.id === w.centre.id)!;
    expect(viaCentre.value).toBe(goal.value);
    expect(top.children.reduce((n, c) => n + c.basis, 0)).toBe(top.unit.basis);
    const atCentre = await getBreakdown(ctx, w.admin, {
      indicatorId: 'cases.decided-within-goal',
      unitId: w.centre.id,
      period: '2026-Q1',
    });
    expect(atCentre.caseTypes.reduce((n, c) => n + c.basis, 0)).toBe(decided);
    const teamType = (
      await getBreakdown(ctx, w.admin, {
        indicatorId: 'cases.decided-within-goal',
        unitId: w.team.id,
        period: '2026-Q1',
      })
    ).caseTypes[0];
    const cases = await getIndicatorCases(
      ctx,
      w.admin,
      { indicatorId: 'cases.decided-within-goal', unitId: w.team.id, period: '2026-Q1', caseTypeId: teamType.id },
      META,
    );
    const missed = Math.round((1 - teamType.value!) * teamType.basis);
    expect(cases).toHaveLength(Math.min(missed, 200));
    const audited = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'indicator_cases'`.execute(w.db);
    expect(audited.rows[0].n).toBe(1);

    // The committee report, made by its job, holds the same numbers in its figures, workbook and PDF.
    const asked = await requestReport(
      ctx,
      w.lead,
      { unitId: w.centre.id, committee: 'committee', period: '2026-Q1' },
      META,
      NOW,
    );
    expect(asked.status).toBe('queued');
    const job = await sql<{
      id: number;
      payload: unknown;
    }>`SELECT id, payload FROM job WHERE kind = 'goals.committee-report'`.execute(w.db);
    const progress: unknown[] = [];
    const jobContext = {
      ctx,
      log: { info() {}, warn() {}, error() {} },
      signal: new AbortController().signal,
      reportProgress: async (p: unknown) => void progress.push(p),
    } as JobContext;
    await makeCommitteeReport(
      { id: job.rows[0].id, kind: 'goals.committee-report', payload: job.rows[0].payload, attempt: 1, maxAttempts: 3 },
      jobContext,
    );
    expect(progress.at(-1)).toEqual({ progress: 100 });
    const report = await getReport(ctx, w.lead, asked.id);
    expect(report.status).toBe('issued');
    const centreBoard = await getDashboard(ctx, w.lead, { unitId: w.centre.id, period: '2026-Q1' });
    expect(report.goals.map((g) => [g.goalId, g.value, g.basis, g.state])).toEqual(
      centreBoard.goals.map((g) => [g.goalId, g.value, g.basis, g.state]),
    );

    const files = await sql<{
      xlsx: Buffer;
      pdf: Buffer;
    }>`SELECT xlsx, pdf FROM committee_report WHERE id = ${asked.id}`.execute(w.db);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(files.rows[0].xlsx as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      'Beskæftigelsesindsatsen',
      'Servicekvalitet',
      'Medarbejdere og organisation',
      'Økonomi',
    ]);
    for (const g of centreBoard.goals) {
      const rows: ExcelJS.Row[] = [];
      wb.eachSheet((s) => s.eachRow((r) => r.getCell(9).value === g.goalId && rows.push(r)));
      expect(rows).toHaveLength(1);
      expect(rows[0].worksheet.name).toBe(
        { service: 'Servicekvalitet', staff: 'Medarbejdere og organisation' }[g.area as 'service'],
      );
      expect(typeof rows[0].getCell(4).value).toBe('number');
      expect(rows[0].getCell(4).value).toBe(g.value);
      expect(rows[0].getCell(5).value).toBe(g.target);
      expect(rows[0].getCell(4).numFmt).toBe(g.unit === 'share' ? '0.0%' : '0.0');
    }
    const pdf = files.rows[0].pdf;
    const text = pdfText(pdf);
    const share = (v: number) => `${(v * 100).toFixed(1).replace('.', ',')} %`;
    expect(text).toContain(share(goal.value!));
    expect(text).toContain(`${shown.get('cases.processing-days-median')!.value!.toFixed(1).replace('.', ',')} dage`);
    expect(text).toContain('12,0 %');
    expect(text).toContain('Kvartalsrapport til udvalget 2026-Q1');
    // Tagged: a structure tree, the language, headings, table headers and charts with alternative text.
    const raw = pdf.toString('latin1');
    for (const mark of [
      '/StructTreeRoot',
      '/Marked true',
      '/Lang (da-DK)',
      '/S /H1',
      '/S /H2',
      '/S /TH',
      '/S /TD',
      '/S /Figure',
    ])
      expect(raw, mark).toContain(mark);
    const alts = pdfAltTexts(pdf);
    expect(alts.some((a) => a.startsWith('Søjlediagram') && a.includes(share(goal.value!)))).toBe(true);

    // Frozen: re-running says nothing changed; after a late change to the data it says which figure moved.
    expect(await checkReport(ctx, w.lead, asked.id)).toEqual({ changed: false, differences: [] });
    await sql`UPDATE case_clock SET goal_met = NOT goal_met WHERE case_id = (
      SELECT k.case_id FROM case_clock k JOIN unit u ON u.id = k.unit_id
      WHERE u.parent_id = ${w.centre.id} AND goal_met IS NOT NULL AND decided_date BETWEEN '2026-01-01' AND '2026-03-31' LIMIT 1)`.execute(
      w.db,
    );
    const after = await checkReport(ctx, w.lead, asked.id);
    expect(after.changed).toBe(true);
    expect(after.differences.map((d) => d.goalId)).toEqual([goal.goalId]);
    expect((await getReport(ctx, w.lead, asked.id)).goals.find((g) => g.goalId === goal.goalId)!.value).toBe(
      goal.value,
    );
    const otherLead = await principalFor(w.db, await makeStaffUser(w.db), [{ role: 'teamlead', unitId: w.other.id }]);
    await expect(getReport(ctx, otherLead, asked.id)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(discardReport(ctx, w.lead, asked.id, META)).rejects.toMatchObject({
      code: 'invalid_state',
      details: { reason: 'report_issued' },
    });
  });

  test('a result contract is versioned, approved once, and followed up by area at half and full year', async () => {
    const w = await world(database());
    const ctx = contextOf(database());
    const goals = [];
    for (const [indicatorId, area, target] of [
      ['cases.decided-within-goal', 'service', 0.9],
      ['goals.budget-variance', 'economy', 0.02],
    ] as const)
      goals.push(await setGoal(ctx, w.lead, { unitId: w.centre.id, indicatorId, area, period: '2025', target }, META));
    await enterManualValue(
      ctx,
      w.lead,
      { indicatorId: 'goals.budget-variance', unitId: w.centre.id, period: '2025-Q1', value: 0.01 },
      META,
      NOW,
    );
    await enterManualValue(
      ctx,
      w.lead,
      { indicatorId: 'goals.budget-variance', unitId: w.centre.id, period: '2025-Q3', value: 0.05 },
      META,
      NOW,
    );
    const ids = goals.map((g) => g.goalId);
    const first = await createContract(
      ctx,
      w.lead,
      { unitId: w.centre.id, year: 2025, goalIds: ids.slice(0, 1) },
      META,
    );
    const second = await createContract(ctx, w.lead, { unitId: w.centre.id, year: 2025, goalIds: ids }, META);
    expect([first.version, second.version]).toEqual([1, 2]);
    await expect(approveContract(ctx, w.lead, second.id, META)).rejects.toMatchObject({ code: 'forbidden' });
    const approved = await approveContract(ctx, w.admin, second.id, META);
    expect(approved).toMatchObject({ approvedBy: w.admin.userId, version: 2 });
    expect(approved.approvedAt).not.toBeNull();
    await expect(approveContract(ctx, w.admin, second.id, META)).rejects.toMatchObject({
      code: 'invalid_state',
      details: { reason: 'contract_approved' },
    });
    await expect(
      createContract(ctx, w.lead, { unitId: w.team.id, year: 2025, goalIds: ids }, META),
    ).rejects.toMatchObject({ details: { reason: 'not_a_centre' } });
    await expect(
      createContract(ctx, w.lead, { unitId: w.centre.id, year: 2026, goalIds: ids }, META),
    ).rejects.toMatchObject({ details: { reason: 'goal_outside_contract' } });

    const half = await contractFollowUp(ctx, w.lead, second.id, 'half');
    const year = await contractFollowUp(ctx, w.lead, second.id, 'year');
    expect(half.areas.map((a) => a.area)).toEqual(['employment', 'service', 'staff', 'economy']);
    // The hand-entered figure: the first half holds Q1 only; the year, Q1 and Q3.
    expect(half.areas[3].goals[0]).toMatchObject({ period: '2025-H1', value: 0.01, state: 'met' });
    expect(year.areas[3].goals[0].value).toBeCloseTo(0.03, 12);
    expect(year.areas[3].goals[0].state).toBe('not_met');
    const decided = await sql<{ n: number; within: number }>`
      SELECT count(*)::int AS n, count(*) FILTER (WHERE goal_met)::int AS within
      FROM case_clock k JOIN unit u ON u.id = k.unit_id
      WHERE u.parent_id = ${w.centre.id} AND goal_met IS NOT NULL AND decided_date BETWEEN '2025-01-01' AND '2025-06-30'`.execute(
      w.db,
    );
    expect(half.areas[1].goals[0]).toMatchObject({
      basis: decided.rows[0].n,
      value: decided.rows[0].within / decided.rows[0].n,
    });
    const audited = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'goal_manual_value' AND actor_user_id = ${w.lead.userId}`.execute(
      w.db,
    );
    expect(audited.rows[0].n).toBe(2);
  });

  test('refuses a figure the unit cannot have, a period not begun, and a reader outside the unit', async () => {
    const w = await world(database());
    const ctx = contextOf(database());
    const refused = (p: Promise<unknown>, code: string, reason?: string) =>
      expect(p).rejects.toMatchObject({ code, ...(reason ? { details: { reason } } : {}) });
    const base = { unitId: w.team.id, area: 'service' as const, period: '2026-Q1', target: 1 };
    const before = await counts(w.db);
    await refused(
      setGoal(ctx, w.lead, { ...base, indicatorId: 'test.authority-only' }, META),
      'validation',
      'level_not_supported',
    );
    await refused(
      setGoal(ctx, w.lead, { ...base, indicatorId: 'nothing.registered' }, META),
      'validation',
      'unknown_indicator',
    );
    const anyType = await sql<{ id: string }>`SELECT id FROM case_type LIMIT 1`.execute(w.db);
    await refused(
      setGoal(
        ctx,
        w.lead,
        { ...base, indicatorId: 'goals.staff-turnover', target: 0.1, caseTypeId: anyType.rows[0].id },
        META,
      ),
      'validation',
      'level_not_supported',
    );
    await refused(
      setGoal(ctx, w.lead, { ...base, indicatorId: 'cases.decided-within-goal', target: 80 }, META),
      'validation',
      'share_out_of_range',
    );
    await refused(
      setGoal(ctx, w.lead, { ...base, unitId: w.other.id, indicatorId: 'cases.slipping-now' }, META),
      'forbidden',
    );
    await setGoal(ctx, w.admin, { ...base, unitId: w.authority.id, indicatorId: 'test.authority-only' }, META);
    await setGoal(ctx, w.lead, { ...base, indicatorId: 'cases.slipping-now' }, META);
    await refused(
      setGoal(ctx, w.lead, { ...base, indicatorId: 'cases.slipping-now' }, META),
      'conflict',
      'goal_exists',
    );
    await refused(
      enterManualValue(
        ctx,
        w.lead,
        { indicatorId: 'cases.slipping-now', unitId: w.team.id, period: '2026-Q1', value: 3 },
        META,
        NOW,
      ),
      'validation',
      'not_hand_entered',
    );
    await refused(
      enterManualValue(
        ctx,
        w.lead,
        { indicatorId: 'goals.staff-turnover', unitId: w.team.id, period: '2026-Q4', value: 0.1 },
        META,
        NOW,
      ),
      'validation',
      'period_in_future',
    );
    await refused(
      requestReport(ctx, w.lead, { unitId: w.centre.id, committee: 'committee', period: '2026-Q3' }, META, NOW),
      'validation',
      'period_in_future',
    );
    await refused(
      requestReport(ctx, w.lead, { unitId: w.centre.id, committee: 'finance', period: '2026-Q1' }, META, NOW),
      'validation',
      'period_kind_not_reported',
    );
    expect(await counts(w.db)).toEqual({ ...before, goals: before.goals + 2 });
    const caseworker = await principalFor(w.db, await makeStaffUser(w.db), [{ role: 'caseworker', unitId: w.team.id }]);
    await refused(getDashboard(ctx, caseworker, { period: '2026-Q1' }), 'forbidden');
  });
});
