import {
  AUDIT_PURPOSES,
  periodRange,
  type TBreakdown,
  type TBreakdownQuery,
  type TContract,
  type TContractInput,
  type TDashboard,
  type TGoalArea,
  type TGoalInput,
  type TGoalStatus,
  type TManualValue,
  type TManualValueInput,
} from '@sagsgang/contracts';
import { localDateOf } from '@sagsgang/clock';
import type { AppContext } from '../../platform/context.js';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { assertRole, unitsWithRole, type Principal, type StaffRole } from '../../platform/auth/principal.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors.js';
import type { IndicatorCase } from '../../platform/indicators.js';
import { listCaseTypes } from '../case-types/index.js';
import { figureFor, goalStatuses } from './goal-figures.js';
import { goalsRepository as repo, type ContractRow, type GoalRow } from './goals.repository.js';
import { indicatorOf, isHandEntered, levelsOf } from './indicator-catalogue.js';
import { UnitIndex } from './unit-index.js';
import { eventLogStream, type EventLogFormat } from './event-log-export.js';

/** Who reads goals and key figures, who sets goals and enters figures, who approves result contracts. */
export const GOAL_READERS: readonly StaffRole[] = ['teamlead', 'quality', 'analyst', 'admin'];
export const GOAL_SETTERS: readonly StaffRole[] = ['teamlead', 'admin'];
export const CONTRACT_APPROVERS: readonly StaffRole[] = ['admin'];
const CASE_LIST_LIMIT = 200;

export interface RequestMeta {
  requestId: string;
  ip?: string;
}

const validation = (message: string, reason: string, details: Record<string, unknown> = {}) =>
  new AppError('validation', message, { reason, ...details });

/** The unit a reader sees by default: the highest unit they may read. */
export function topUnit(principal: Principal, units: UnitIndex): string {
  const scope = new Set(unitsWithRole(principal, GOAL_READERS));
  const top = [...scope].find((id) => {
    const parent = units.get(id)?.parentId;
    return !parent || !scope.has(parent);
  });
  if (!top) throw new AppError('forbidden', 'You do not read goals for any unit.');
  return top;
}

function knownUnit(units: UnitIndex, unitId: string) {
  const unit = units.get(unitId);
  if (!unit) throw new AppError('not_found', 'No such unit.', { unitId });
  return unit;
}

function notInFuture(period: string, now: Date) {
  const { from } = periodRange(period);
  if (from > localDateOf(now)) throw validation('The period has not begun yet.', 'period_in_future', { period });
}

/** A hand-entered figure for a unit and period; replaces the one entered before, and is audited with who entered it. */
export async function enterManualValue(
  ctx: AppContext,
  principal: Principal,
  input: TManualValueInput,
  meta: RequestMeta,
  now = new Date(),
): Promise<TManualValue> {
  const db = ctx.database.db;
  assertRole(principal, GOAL_SETTERS, input.unitId);
  const indicator = indicatorOf(ctx.registry, input.indicatorId);
  if (!isHandEntered(indicator.id))
    throw validation('This figure is computed from the records and cannot be entered by hand.', 'not_hand_entered');
  const units = await UnitIndex.load(db);
  const unit = knownUnit(units, input.unitId);
  if (!levelsOf(indicator).includes(unit.kind))
    throw validation('This figure is not kept for this kind of unit.', 'level_not_supported', { kind: unit.kind });
  notInFuture(input.period, now);
  if (indicator.unit === 'share' && (input.value < 0 || input.value > 1))
    throw validation('A share lies between 0 and 1.', 'share_out_of_range');
  const { from, to } = periodRange(input.period);
  return inTransaction(db, async (trx) => {
    const row = await repo.upsertManualValue(trx, { ...input, from, to, by: principal.userId });
    await recordAudit(trx, {
      actorUserId: principal.userId,
      action: 'update',
      entityType: 'goal_manual_value',
      entityId: row.id,
      purpose: AUDIT_PURPOSES.goalFollowUp,
      requestId: meta.requestId,
      ip: meta.ip,
      details: { indicatorId: input.indicatorId, unitId: input.unitId, period: input.period, value: input.value },
    });
    return { ...input, id: row.id, enteredBy: principal.displayName, enteredAt: row.entered_at.toISOString() };
  });
}

/** A target for a unit, indicator and period, refused for a figure the unit (or the case type) cannot have. */
export async function setGoal(
  ctx: AppContext,
  principal: Principal,
  input: TGoalInput,
  meta: RequestMeta,
): Promise<TGoalStatus> {
  const db = ctx.database.db;
  assertRole(principal, GOAL_SETTERS, input.unitId);
  const indicator = indicatorOf(ctx.registry, input.indicatorId);
  const units = await UnitIndex.load(db);
  const unit = knownUnit(units, input.unitId);
  const levels = levelsOf(indicator);
  if (!levels.includes(unit.kind))
    throw validation(`This figure cannot be measured for a unit of kind "${unit.kind}".`, 'level_not_supported', {
      kind: unit.kind,
    });
  if (input.caseTypeId && !levels.includes('caseType'))
    throw validation('This figure cannot be cut by case type.', 'level_not_supported', { kind: 'caseType' });
  if (indicator.unit === 'share' && (input.target < 0 || input.target > 1))
    throw validation('A target share lies between 0 and 1.', 'share_out_of_range');
  if (input.caseTypeId && !(await listCaseTypes(db)).some((t) => t.id === input.caseTypeId))
    throw validation('No such case type.', 'unknown_case_type');
  const range = periodRange(input.period);
  const goal: Omit<GoalRow, 'id'> = {
    unit_id: input.unitId,
    indicator_id: indicator.id,
    case_type_id: input.caseTypeId ?? null,
    area: input.area,
    period_kind: range.kind,
    period: input.period,
    period_from: range.from,
    period_to: range.to,
    target: input.target,
    baseline: input.baseline ?? null,
  };
  const id = await inTransaction(db, async (trx) => {
    const inserted = await repo.insertGoal(trx, { ...goal, created_by: principal.userId });
    if (!inserted)
      throw new AppError('conflict', 'The unit already has a goal for this figure and period.', {
        reason: 'goal_exists',
      });
    await recordAudit(trx, {
      actorUserId: principal.userId,
      action: 'create',
      entityType: 'goal',
      entityId: inserted,
      purpose: AUDIT_PURPOSES.goalFollowUp,
      requestId: meta.requestId,
      ip: meta.ip,
      details: { indicatorId: indicator.id, unitId: input.unitId, period: input.period, target: input.target },
    });
    return inserted;
  });
  return (await goalStatuses(db, ctx.registry, units, [{ ...goal, id }]))[0];
}

/** The goals of a unit and every unit below it for a period, each with its figure, status and trend. */
export async function getDashboard(
  ctx: AppContext,
  principal: Principal,
  q: { unitId?: string; period: string },
): Promise<TDashboard> {
  const db = ctx.database.db;
  const units = await UnitIndex.load(db);
  const unitId = q.unitId ?? topUnit(principal, units);
  assertRole(principal, GOAL_READERS, unitId);
  const goals = await repo.goalsOf(db, units.subtree(unitId), q.period);
  return { unitId, period: q.period, goals: await goalStatuses(db, ctx.registry, units, goals) };
}

/** One step of the drill-down: the unit's figure, each unit below it, and each case type. */
export async function getBreakdown(ctx: AppContext, principal: Principal, q: TBreakdownQuery): Promise<TBreakdown> {
  const db = ctx.database.db;
  assertRole(principal, GOAL_READERS, q.unitId);
  const indicator = indicatorOf(ctx.registry, q.indicatorId);
  const units = await UnitIndex.load(db);
  const unit = knownUnit(units, q.unitId);
  const levels = levelsOf(indicator);
  const at = (unitId: string, caseTypeId?: string) =>
    figureFor(db, indicator, units, { unitId, period: q.period, caseTypeId: caseTypeId ?? q.caseTypeId });
  const children = [];
  for (const id of unit.children) {
    const child = units.get(id)!;
    if (levels.includes(child.kind)) children.push({ id, name: child.name, kind: child.kind, ...(await at(id)) });
  }
  const caseTypes = [];
  if (levels.includes('caseType') && !q.caseTypeId)
    for (const t of await listCaseTypes(db)) {
      const figure = await at(q.unitId, t.id);
      if (figure.basis > 0) caseTypes.push({ id: t.id, code: t.code, ...figure });
    }
  return {
    indicatorId: indicator.id,
    period: q.period,
    unit: { id: unit.id, name: unit.name, kind: unit.kind, parentId: unit.parentId, ...(await at(q.unitId)) },
    children,
    caseTypes,
  };
}

/** The cases behind a figure: the last step before the case itself (opened through the case page's own checks). */
export async function getIndicatorCases(
  ctx: AppContext,
  principal: Principal,
  q: TBreakdownQuery,
  meta: RequestMeta,
): Promise<IndicatorCase[]> {
  const db = ctx.database.db;
  assertRole(principal, GOAL_READERS, q.unitId);
  const indicator = indicatorOf(ctx.registry, q.indicatorId);
  if (!indicator.cases) throw validation('This figure does not rest on cases.', 'no_cases');
  const units = await UnitIndex.load(db);
  knownUnit(units, q.unitId);
  const { from, to } = periodRange(q.period);
  const filter = { from, to, unitId: q.unitId, unitIds: units.subtree(q.unitId), caseTypeId: q.caseTypeId };
  return inTransaction(db, async (trx) => {
    const cases = await indicator.cases!(trx, filter, CASE_LIST_LIMIT);
    await recordAudit(trx, {
      actorUserId: principal.userId,
      action: 'read',
      entityType: 'indicator_cases',
      entityId: indicator.id,
      purpose: AUDIT_PURPOSES.goalFollowUp,
      requestId: meta.requestId,
      ip: meta.ip,
      details: { unitId: q.unitId, period: q.period, caseTypeId: q.caseTypeId ?? null, cases: cases.length },
    });
    return cases;
  });
}

export function toContract(row: ContractRow): TContract {
  return {
    id: row.id,
    unitId: row.unit_id,
    year: row.year,
    version: row.version,
    goalIds: row.goal_ids,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    approvedBy: row.approved_by,
    approvedAt: row.approved_at?.toISOString() ?? null,
  };
}

/** A new version of a centre's result contract for a year: its goals (of the centre or below, in that year). */
export async function createContract(
  ctx: AppContext,
  principal: Principal,
  input: TContractInput,
  meta: RequestMeta,
): Promise<TContract> {
  const db = ctx.database.db;
  assertRole(principal, GOAL_SETTERS, input.unitId);
  const units = await UnitIndex.load(db);
  if (knownUnit(units, input.unitId).kind !== 'centre')
    throw validation('A result contract is made with a centre.', 'not_a_centre');
  const goalIds = [...new Set(input.goalIds)];
  const goals = await repo.goalsById(db, goalIds);
  const below = new Set(units.subtree(input.unitId));
  const outside = goalIds.filter((id) => {
    const g = goals.find((x) => x.id === id);
    return !g || !below.has(g.unit_id) || !g.period.startsWith(String(input.year));
  });
  if (outside.length)
    throw validation('Every goal must be one of the centre’s goals for that year.', 'goal_outside_contract', {
      goalIds: outside,
    });
  return inTransaction(db, async (trx) => {
    const version = (await repo.latestContractVersion(trx, input.unitId, input.year)) + 1;
    const row = await repo.insertContract(trx, { ...input, goalIds, version, by: principal.userId });
    await recordAudit(trx, {
      actorUserId: principal.userId,
      action: 'create',
      entityType: 'result_contract',
      entityId: row.id,
      purpose: AUDIT_PURPOSES.goalFollowUp,
      requestId: meta.requestId,
      ip: meta.ip,
      details: { unitId: input.unitId, year: input.year, version },
    });
    return toContract(row);
  });
}

export async function approveContract(
  ctx: AppContext,
  principal: Principal,
  id: string,
  meta: RequestMeta,
): Promise<TContract> {
  return inTransaction(ctx.database.db, async (trx) => {
    const row = await repo.contract(trx, id, true);
    if (!row) throw new AppError('not_found', 'No such result contract.');
    assertRole(principal, CONTRACT_APPROVERS, row.unit_id);
    if (row.approved_at)
      throw new AppError('invalid_state', 'This version is approved already; a change is a new version.', {
        reason: 'contract_approved',
      });
    const approved = await repo.approveContract(trx, id, principal.userId);
    await recordAudit(trx, {
      actorUserId: principal.userId,
      action: 'update',
      entityType: 'result_contract',
      entityId: id,
      purpose: AUDIT_PURPOSES.goalFollowUp,
      requestId: meta.requestId,
      ip: meta.ip,
      details: { approved: true, version: row.version },
    });
    return toContract(approved);
  });
}

export async function listContracts(ctx: AppContext, principal: Principal): Promise<TContract[]> {
  const rows = await repo.contractsOf(ctx.database.db, unitsWithRole(principal, GOAL_READERS));
  return rows.map(toContract);
}

/** Half- or full-year follow-up: each goal of the contract measured over the year's first half or the whole year. */
export async function contractFollowUp(ctx: AppContext, principal: Principal, id: string, at: 'half' | 'year') {
  const db = ctx.database.db;
  const row = await repo.contract(db, id);
  if (!row) throw new AppError('not_found', 'No such result contract.');
  assertRole(principal, GOAL_READERS, row.unit_id);
  const period = at === 'half' ? `${row.year}-H1` : String(row.year);
  const range = periodRange(period);
  const goals = (await repo.goalsById(db, row.goal_ids)).map((g) => ({
    ...g,
    period,
    period_kind: range.kind,
    period_from: range.from,
    period_to: range.to,
  }));
  const statuses = await goalStatuses(db, ctx.registry, await UnitIndex.load(db), goals);
  const areas = (['employment', 'service', 'staff', 'economy'] as TGoalArea[]).map((area) => ({
    area,
    goals: statuses.filter((s) => s.area === area),
  }));
  return { contract: toContract(row), at, areas };
}

export interface EventLogExportQuery {
  format: EventLogFormat;
  unitId?: string;
  caseTypeId?: string;
  from?: string;
  to?: string;
}

/** The authority's own event log in an open format (XES, OCEL 2.0, pm4py CSV), for the units the reader sees. */
export async function exportEventLog(ctx: AppContext, principal: Principal, q: EventLogExportQuery, meta: RequestMeta) {
  const db = ctx.database.db;
  const units = await UnitIndex.load(db);
  const unitId = q.unitId ?? topUnit(principal, units);
  assertRole(principal, GOAL_READERS, unitId);
  knownUnit(units, unitId);
  if (q.from && q.to && q.from > q.to) throw validation('from: must not be after to', 'period_reversed');
  await recordAudit(db, {
    actorUserId: principal.userId,
    action: 'export',
    entityType: 'event_log',
    entityId: unitId,
    purpose: AUDIT_PURPOSES.goalFollowUp,
    requestId: meta.requestId,
    ip: meta.ip,
    details: { format: q.format, caseTypeId: q.caseTypeId ?? null, from: q.from ?? null, to: q.to ?? null },
  });
  return eventLogStream(db, q.format, {
    unitIds: units.subtree(unitId),
    caseTypeId: q.caseTypeId,
    from: q.from,
    to: q.to,
  });
}
