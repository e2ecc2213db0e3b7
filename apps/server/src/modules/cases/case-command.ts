/**
 * What every change to a case goes through, in one transaction: load the case, check the actor's access, check the
 * version the client saw, let the use case decide the change and its event, write both, recompute the clock row.
 */
import type { Updateable } from 'kysely';
import type {
  CaseOperation,
  InvalidStateDetails,
  InvalidStateReason,
  StaleVersionDetails,
  TCaseTypeDefinition,
} from '@sagsgang/contracts';
import { AppError } from '../../platform/errors.js';
import { hasRole, type Principal, type StaffRole } from '../../platform/auth/principal.js';
import { inTransaction, type Executor } from '../../platform/db/transaction.js';
import { getCaseTypeVersion } from '../case-types/index.js';
import { casesRepository as repo, type CaseRow } from './cases.repository.js';
import type { CaseFileTable } from './cases.tables.js';
import { deriveClockRow, type LoggedEvent } from './case-clock.js';
import { announceCaseEvent, type CaseEventListener } from './case-event-listeners.js';
import { loadAuthorityCalendar } from '../calendar/index.js';

/** A signed-in person, or the system itself (the portal submitting an application, the demo generator). */
export type Actor = Principal | { system: true; userId: string | null };

export interface CaseContext {
  db: Executor;
  actor: Actor;
  /** The moment the change happens; tests and generators pass it, the app uses the wall clock. */
  now?: Date;
  /** How far back a case opened by staff may be dated as received (SAGSGANG_RECEIPT_BACKDATE_DAYS; default 365). */
  receiptBackdateDays?: number;
  /** The HTTP request acting, for the audit entries the change writes. */
  requestId?: string;
  /**
   * Told of the change inside its transaction: the app passes `caseEventListeners(ctx)`. None when absent, as in a
   * test of one module or a bulk import.
   */
  listeners?: readonly CaseEventListener[];
}

export const CASEWORK_ROLES: readonly StaffRole[] = ['caseworker', 'teamlead'];

export const actorId = (actor: Actor): string | null => ('system' in actor ? actor.userId : actor.userId);

/** Staff must hold one of `roles` on the case's unit; an applicant never acts on a case through these commands. */
export function assertCaseAccess(actor: Actor, unitId: string, roles: readonly StaffRole[] = CASEWORK_ROLES): void {
  if ('system' in actor) return;
  if (actor.kind === 'staff' && hasRole(actor, roles, unitId)) return;
  throw new AppError('forbidden', 'This case belongs to a unit you do not work in.', { unitId });
}

// The English words of each step, for the message; the back office words it from `details.operation` instead.
const OPERATION_WORDS: Record<CaseOperation, string> = {
  screen: 'screen the case',
  request_information: 'request information',
  register_information: 'register the information received',
  start_hearing: 'start a hearing',
  register_hearing_reply: 'register the hearing reply',
  change_phase: 'change the phase',
  extend_deadline: 'extend the deadline',
  decide: 'decide the case',
  close: 'close the case',
  reassign: 'reassign the case',
  add_document: 'add a document',
  record_automatic_screening: 'record the automatic screening',
};

/** A step refused by the case's state; the details say which step, the state and why, so a client can word it. */
export function invalidState(message: string, details: InvalidStateDetails): AppError {
  return new AppError('invalid_state', message, details);
}

/** Refuses `operation` for a reason beyond the state alone (a hearing with no reply pending, …). */
export function refuseStep(
  c: CaseRow,
  operation: CaseOperation,
  reason: InvalidStateReason,
  message: string,
): AppError {
  return invalidState(message, { operation, state: c.state, reason });
}

export function requireState(c: CaseRow, allowed: readonly string[], operation: CaseOperation): void {
  if (allowed.includes(c.state)) return;
  throw invalidState(`Cannot ${OPERATION_WORDS[operation]}: the case is ${c.state.replaceAll('_', ' ')}.`, {
    operation,
    state: c.state,
  });
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
    const eventId = await repo.appendEvent(trx, {
      ...event,
      caseId: current.id,
      actorId: actorId(ctx.actor),
      unitId: current.unit_id,
    });
    await refreshClock(trx, updated, [...events, event], version.definition, now);
    await announceCaseEvent(ctx.listeners, { trx, case: updated, definition: version.definition, ...event, now });
    return { case: updated, eventId };
  });
}

export function conflict(currentVersion: number | undefined): AppError {
  const details: StaleVersionDetails = { reason: 'stale_version', currentVersion };
  return new AppError(
    'conflict',
    'Someone else changed this case since you opened it. Reload it and try again.',
    details,
  );
}

export async function refreshClock(
  db: Executor,
  c: CaseRow,
  events: LoggedEvent[],
  definition: TCaseTypeDefinition,
  now: Date,
) {
  const row = deriveClockRow(
    {
      caseId: c.id,
      caseTypeId: c.case_type_id,
      unitId: c.unit_id,
      assigneeId: c.assignee_id,
      state: c.state,
      phaseCode: c.phase_code,
      outcome: c.outcome,
      receivedAt: new Date(c.received_at),
    },
    events,
    definition,
    now,
    await loadAuthorityCalendar(db),
  );
  await repo.upsertClock(db, row);
}
