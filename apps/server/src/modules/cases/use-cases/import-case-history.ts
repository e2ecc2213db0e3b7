import type { TCaseTypeDefinition } from '@sagsgang/contracts';
import type { Executor } from '../../../platform/db/transaction.js';
import { loadAuthorityCalendar } from '../../calendar/index.js';
import { deriveClockRow } from '../case-clock.js';
import { historyRepository as repo } from '../history.repository.js';

export interface ImportedCaseEvent {
  activity: string;
  occurredAt: Date;
  actorId: string | null;
  attributes: Record<string, unknown>;
}

/** A case as it ended up, with every event that led there, in order (the first is its receipt). */
export interface ImportedCase {
  id: string;
  reference: string;
  caseTypeId: string;
  caseTypeVersionId: string;
  /** The definition of that case-type version: the case's clock row is derived with it. */
  definition: TCaseTypeDefinition;
  unitId: string;
  assigneeId: string | null;
  applicantId?: string | null;
  applicantName: string;
  channel: string;
  state: string;
  phaseCode: string | null;
  outcome: string | null;
  receivedAt: Date;
  events: ImportedCaseEvent[];
}

/**
 * Writes history made elsewhere (the demo generator, a migration from another system) in bulk: the cases, their
 * events and the clock rows derived from them as `now`, one statement per table per batch. Not a command: no access
 * check, no version check and no case-event listener, since old history is nobody's news. The caller owns the
 * transaction.
 */
export async function importCaseHistory(
  db: Executor,
  cases: readonly ImportedCase[],
  options: { now: Date },
): Promise<void> {
  if (cases.length === 0) return;
  const calendar = await loadAuthorityCalendar(db);
  await repo.insertCases(
    db,
    cases.map((c) => ({
      id: c.id,
      reference: c.reference,
      case_type_id: c.caseTypeId,
      case_type_version_id: c.caseTypeVersionId,
      unit_id: c.unitId,
      assignee_id: c.assigneeId,
      applicant_id: c.applicantId ?? null,
      applicant_name: c.applicantName,
      channel: c.channel,
      state: c.state,
      phase_code: c.phaseCode,
      outcome: c.outcome,
      received_at: c.receivedAt.toISOString(),
      version: c.events.length,
    })),
  );
  await repo.insertEvents(
    db,
    cases.flatMap((c) =>
      c.events.map((e, i) => ({
        case_id: c.id,
        seq: i + 1,
        activity: e.activity,
        occurred_at: e.occurredAt.toISOString(),
        actor_id: e.actorId,
        unit_id: c.unitId,
        attributes: e.attributes,
      })),
    ),
  );
  await repo.insertClocks(
    db,
    cases.map((c) =>
      deriveClockRow(
        {
          caseId: c.id,
          caseTypeId: c.caseTypeId,
          unitId: c.unitId,
          assigneeId: c.assigneeId,
          state: c.state,
          phaseCode: c.phaseCode,
          outcome: c.outcome,
          receivedAt: c.receivedAt,
        },
        c.events.map((e) => ({ activity: e.activity, occurredAt: e.occurredAt, attributes: e.attributes })),
        c.definition,
        options.now,
        calendar,
      ),
    ),
  );
}

/** How many cases there are: none means a new authority, or one whose history has not been imported yet. */
export function countCases(db: Executor): Promise<number> {
  return repo.countCases(db);
}

/** Moves the reference sequence past imported references, so new cases never collide with them. */
export function advanceCaseReferences(db: Executor, atLeast: number): Promise<void> {
  return repo.advanceReferenceSequence(db, atLeast);
}
