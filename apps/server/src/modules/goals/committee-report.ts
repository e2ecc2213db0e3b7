import { createHash } from 'node:crypto';
import { AUDIT_PURPOSES, periodRange, type TReport, type TReportRequest, type TGoalStatus } from '@sagsgang/contracts';
import { localDateOf } from '@sagsgang/clock';
import type { AppContext, JobContext } from '../../platform/context.js';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { assertRole, unitsWithRole, type Principal, type StaffRole } from '../../platform/auth/principal.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors.js';
import { enqueueJob, PermanentJobError, type ClaimedJob } from '../../platform/jobs/index.js';
import { t } from '../../platform/i18n/i18n.js';
import { goalStatuses } from './goal-figures.js';
import { goalsRepository as repo, type ReportRow } from './goals.repository.js';
import type { RequestMeta } from './goals.service.js';
import { reportPdf, reportWorkbook } from './report-files.js';
import { UnitIndex } from './unit-index.js';

export const COMMITTEE_REPORT_JOB = 'goals.committee-report';
/** Reports to the committees are written in Danish. */
const COMMITTEE_LANGUAGE = 'da' as const;
export const REPORTERS: readonly StaffRole[] = ['teamlead', 'quality', 'analyst', 'admin'];

/** The figures a report freezes, and what says whether they have moved since: value and basis of every goal. */
const fingerprintOf = (goals: readonly TGoalStatus[]) =>
  createHash('sha256')
    .update(JSON.stringify(goals.map((g) => [g.goalId, g.value, g.basis])))
    .digest('hex');

function toReport(row: ReportRow): TReport {
  return {
    id: row.id,
    unitId: row.unit_id,
    committee: row.committee,
    period: row.period,
    status: row.status,
    progress: row.progress,
    issuedAt: row.issued_at?.toISOString() ?? null,
    goals: (row.figures as TGoalStatus[] | null) ?? [],
  };
}

/**
 * Asks for a committee report; a background job makes it. The committee follows up each quarter (and half-year),
 * the finance committee each half-year: a period that has not begun is refused.
 */
export async function requestReport(
  ctx: AppContext,
  principal: Principal,
  input: TReportRequest,
  meta: RequestMeta,
  now = new Date(),
): Promise<TReport> {
  assertRole(principal, REPORTERS, input.unitId);
  const range = periodRange(input.period);
  if (range.from > localDateOf(now))
    throw new AppError('validation', 'A report cannot cover a period that has not begun.', {
      reason: 'period_in_future',
    });
  const allowed = input.committee === 'finance' ? ['half', 'year'] : ['quarter', 'half', 'year'];
  if (!allowed.includes(range.kind))
    throw new AppError('validation', `This committee is not reported to by ${range.kind}.`, {
      reason: 'period_kind_not_reported',
    });
  const db = ctx.database.db;
  const id = await inTransaction(db, async (trx) => {
    const id = await repo.insertReport(trx, { ...input, from: range.from, to: range.to, by: principal.userId });
    await enqueueJob(trx, { kind: COMMITTEE_REPORT_JOB, payload: { reportId: id }, maxAttempts: 3 });
    await recordAudit(trx, {
      actorUserId: principal.userId,
      action: 'create',
      entityType: 'committee_report',
      entityId: id,
      purpose: AUDIT_PURPOSES.goalFollowUp,
      requestId: meta.requestId,
      ip: meta.ip,
      details: { unitId: input.unitId, period: input.period, committee: input.committee },
    });
    return id;
  });
  return toReport((await repo.report(db, id))!);
}

async function readableReport(ctx: AppContext, principal: Principal, id: string): Promise<ReportRow> {
  const row = await repo.report(ctx.database.db, id);
  if (!row) throw new AppError('not_found', 'No such report.');
  assertRole(principal, REPORTERS, row.unit_id);
  return row;
}

export async function getReport(ctx: AppContext, principal: Principal, id: string): Promise<TReport> {
  return toReport(await readableReport(ctx, principal, id));
}

export async function listReports(ctx: AppContext, principal: Principal): Promise<TReport[]> {
  return (await repo.reportsOf(ctx.database.db, unitsWithRole(principal, REPORTERS))).map(toReport);
}

export async function reportFile(ctx: AppContext, principal: Principal, id: string, kind: 'pdf' | 'xlsx') {
  const row = await readableReport(ctx, principal, id);
  const file = await repo.reportFile(ctx.database.db, id, kind);
  if (!file) throw new AppError('invalid_state', 'The report has not been issued yet.', { reason: 'not_issued' });
  return { file, name: `udvalgsrapport-${row.period}.${kind}` };
}

/** An issued report is frozen: never changed or removed. Only a report whose making failed may be discarded. */
export async function discardReport(ctx: AppContext, principal: Principal, id: string, meta: RequestMeta) {
  const row = await readableReport(ctx, principal, id);
  if (row.status !== 'failed')
    throw new AppError(
      'invalid_state',
      row.status === 'issued'
        ? 'An issued report is frozen: it cannot be changed or removed. Ask for a new report instead.'
        : 'The report is still being made.',
      { reason: row.status === 'issued' ? 'report_issued' : 'report_in_progress' },
    );
  await inTransaction(ctx.database.db, async (trx) => {
    await repo.deleteFailedReport(trx, id);
    await recordAudit(trx, {
      actorUserId: principal.userId,
      action: 'delete',
      entityType: 'committee_report',
      entityId: id,
      purpose: AUDIT_PURPOSES.goalFollowUp,
      requestId: meta.requestId,
      ip: meta.ip,
    });
  });
}

/** Re-runs an issued report's figures from today's data and says whether, and where, they differ. */
export async function checkReport(ctx: AppContext, principal: Principal, id: string) {
  const row = await readableReport(ctx, principal, id);
  if (row.status !== 'issued')
    throw new AppError('invalid_state', 'The report has not been issued yet.', { reason: 'not_issued' });
  const issued = row.figures as TGoalStatus[];
  const db = ctx.database.db;
  const goals = await repo.goalsById(
    db,
    issued.map((g) => g.goalId),
  );
  const now = await goalStatuses(db, ctx.registry, await UnitIndex.load(db), goals);
  const differences = issued
    .map((g) => ({ goalId: g.goalId, issued: g.value, now: now.find((n) => n.goalId === g.goalId)?.value ?? null }))
    .filter((d) => d.issued !== d.now);
  return { changed: fingerprintOf(now) !== row.fingerprint, differences };
}

/** The background job: computes the figures once (the same code as the dashboard), writes both files, freezes. */
export async function makeCommitteeReport(job: ClaimedJob, { ctx, reportProgress, signal }: JobContext) {
  const { reportId } = job.payload as { reportId: string };
  const db = ctx.database.db;
  const row = await repo.report(db, reportId);
  if (!row) throw new PermanentJobError(`committee report ${reportId} is gone`);
  if (row.status === 'issued') return { reportId, issued: true };
  const step = async (progress: number) => {
    await repo.setReportProgress(db, reportId, 'running', progress);
    await reportProgress({ progress });
  };
  try {
    await step(5);
    const units = await UnitIndex.load(db);
    const goals = await repo.goalsOf(db, units.subtree(row.unit_id), row.period);
    await step(15);
    const figures: TGoalStatus[] = [];
    for (const [i, g] of goals.entries()) {
      if (signal.aborted) throw signal.reason;
      figures.push(...(await goalStatuses(db, ctx.registry, units, [g])));
      await step(15 + Math.floor((60 * (i + 1)) / goals.length));
    }
    const content = {
      title: t(COMMITTEE_LANGUAGE, `goals:report.title.${row.committee}`, { period: row.period }),
      unitName: units.get(row.unit_id)?.name ?? '',
      period: row.period,
      issuedAt: new Date(),
      goals: figures,
    };
    const xlsx = await reportWorkbook(content);
    await step(85);
    const pdf = await reportPdf(content);
    await repo.issueReport(db, reportId, { figures, fingerprint: fingerprintOf(figures), xlsx, pdf });
    await reportProgress({ progress: 100 });
    return { reportId, goals: figures.length };
  } catch (err) {
    if (job.attempt >= job.maxAttempts) await repo.setReportProgress(db, reportId, 'failed', 0);
    throw err;
  }
}
