/**
 * What every change to a case goes through, in one transaction: load the case, check the actor's access, check the
 * version the client saw, let the use case decide the change and its event, write both, recompute the clock row.
 */
import type { Updateable } from 'kysely';
import type { TCaseTypeDefinition } from '@sagsgang/contracts';
import { AppError } from '../../platform/errors.js';
import { hasRole, type Principal, type StaffRole } from '../../platform/auth/principal.js';
import { inTransaction, type Executor } from '../../platform/db/transaction.js';
import { getCaseTypeVersion } from '../case-types/index.js';
import { casesRepository as repo, type CaseRow } from './cases.repository.js';
import type { CaseFileTable } from './cases.tables.js';
import { deriveClockRow, type LoggedEvent } from './case-clock.js';
import { announceCaseEvent } from './case-event-listeners.js';
import { loadAuthorityCalendar } from '../calendar/index.js';

/** A signed-in person, or the system itself (the portal submitting an application, the demo generator). */
export type Actor = Principal | { system: true; userId: string | null };

export interface CaseContext {
  db: Executor;
  actor: Actor;
  /** The moment the change happens; tests and generators pass it, the app uses the wall clock. */
  now?: Date;
  /** The HTTP request acting, for the audit entries the change writes. */
  requestId?: string;
}

export const CASEWORK_ROLES: readonly StaffRole[] = ['caseworker', 'teamlead'];
export const READ_ROLES: readonly StaffRole[] = ['caseworker', 'teamlead', 'frontline', 'quality', 'analyst'];

export const actorId = (actor: Actor): string | null => ('system' in actor ? actor.userId : actor.userId);

/** Staff must hold one of `roles` on the case's unit; an applicant never acts on a case through these commands. */
export function assertCaseAccess(actor: Actor, unitId: string, roles: readonly StaffRole[] = CASEWORK_ROLES): void {
  if ('system' in actor) return;
  if (actor.kind === 'staff' && hasRole(actor, roles, unitId)) return;
  throw new AppError('forbidden', 'This case belongs to a unit you do not work in.', { unitId });
}

export function invalidState(message: string, state: string): AppError {
  return new AppError('invalid_state', message, { state });
}

export function requireState(c: CaseRow, allowed: readonly string[], what: string): void {
  if (!allowed.includes(c.state)) throw invalidState(`Cannot ${what}: the case is ${c.state.replace('_', ' ')}.`, c.state);
}

export interface Step {
  activity: string;
  attributes: Record<string, unknown>;
  changes?: Updateable<CaseFileTable>;
  occurredAt?: Date;
}

export interface CommandInput {
  caseId: string;
  expectedVersion: number;
  roles?: readonly StaffRole[];
  /** Decides the change from the current case and its case-type version; throws invalid_state or validation. */
  decide: (c: CaseRow, definition: TCaseTypeDefinition, events: LoggedEvent[], trx: Executor) => Step | Promise<Step>;
}

export interface CommandResult {
  case: CaseRow;
  eventId: number;
}

export async function loadCaseOr404(db: Executor, caseId: string): Promise<CaseRow> {
  const c = await repo.findCase(db, caseId);
  if (!c) throw new AppError('not_found', 'No such case.');
  return c;
}

export function runCommand(ctx: CaseContext, input: CommandInput): Promise<CommandResult> {
  const now = ctx.now ?? new Date();
  return inTransaction(ctx.db, async (trx) => {
    const current = await loadCaseOr404(trx, input.caseId);
    assertCaseAccess(ctx.actor, current.unit_id, input.roles);
    if (current.version !== input.expectedVersion) throw conflict(current.version);
    const version = await getCaseTypeVersion(trx, current.case_type_version_id);
    const events = await repo.eventsOf(trx, current.id);
    const step = await input.decide(current, version.definition, events, trx);
    const updated = await repo.updateCase(trx, current.id, input.expectedVersion, step.changes ?? {});
    if (!updated) throw conflict(undefined);
    const occurredAt = step.occurredAt ?? now;
    const event = { activity: step.activity, occurredAt, attributes: step.attributes };
    const eventId = await repo.appendEvent(trx, { ...event, caseId: current.id, actorId: actorId(ctx.actor), unitId: current.unit_id });
    await refreshClock(trx, updated, [...events, event], version.definition, now);
    await announceCaseEvent({ trx, case: updated, definition: version.definition, ...event, now });
    return { case: updated, eventId };
  });
}

export function conflict(currentVersion: number | undefined): AppError {
  return new AppError('conflict', 'Someone else changed this case since you opened it. Reload it and try again.', { currentVersion });
}

export async function refreshClock(db: Executor, c: CaseRow, events: LoggedEvent[], definition: TCaseTypeDefinition, now: Date) {
  const row = deriveClockRow(
    {
      caseId: c.id, caseTypeId: c.case_type_id, unitId: c.unit_id, assigneeId: c.assignee_id, state: c.state,
      phaseCode: c.phase_code, outcome: c.outcome, receivedAt: new Date(c.received_at),
    },
    events, definition, now, await loadAuthorityCalendar(db),
  );
  await repo.upsertClock(db, row);
}
