import type { TCaseTypeDefinition } from '@sagsgang/contracts';
import type { Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { casesRepository as repo } from '../cases.repository.js';
import { complaintFactsRepository as facts } from '../complaint-facts.repository.js';
import { historyRepository } from '../history.repository.js';

/** What a complaint about a case is linked to: the case, its unit and caseworker, its latest decision. */
export interface ComplaintCaseFacts {
  id: string;
  reference: string;
  unitId: string;
  assigneeId: string | null;
  applicantId: string | null;
  applicantName: string;
  caseTypeId: string;
  caseTypeCode: string;
  definition: TCaseTypeDefinition;
  state: string;
  outcome: string | null;
  version: number;
  latestDecision: { eventId: number; decidedAt: Date } | null;
}

/** The case a complaint is about, by id or case number, or not_found. */
export async function getComplaintCaseFacts(
  db: Executor,
  where: { id: string } | { reference: string },
): Promise<ComplaintCaseFacts> {
  const r = await facts.caseFacts(db, where);
  if (!r) throw new AppError('not_found', 'No such case.');
  return {
    id: r.id,
    reference: r.reference,
    unitId: r.unit_id,
    assigneeId: r.assignee_id,
    applicantId: r.applicant_id,
    applicantName: r.applicant_name,
    caseTypeId: r.case_type_id,
    caseTypeCode: r.case_type_code,
    definition: r.definition as TCaseTypeDefinition,
    state: r.state,
    outcome: r.outcome,
    version: r.version,
    latestDecision:
      r.decision_event_id === null || r.decided_at === null
        ? null
        : { eventId: Number(r.decision_event_id), decidedAt: new Date(r.decided_at) },
  };
}

// The clock reads these activities; a step recorded beside the case's commands must never be one of them.
const CLOCK_ACTIVITIES = new Set([
  'received',
  'screened',
  'information_requested',
  'information_received',
  'extended',
  'decided',
  'closed',
  'withdrawn',
  'reopened',
]);

/**
 * Appends a step of work about a case that is not casework (a complaint received, forwarded, answered) to the
 * case's one event log, inside the caller's transaction. It changes neither the case, its version nor its clock.
 */
export async function recordCaseEvent(
  db: Executor,
  e: {
    caseId: string;
    activity: string;
    actorId: string | null;
    occurredAt: Date;
    attributes: Record<string, unknown>;
  },
): Promise<number> {
  if (CLOCK_ACTIVITIES.has(e.activity)) throw new Error(`"${e.activity}" changes the clock: use a case command`);
  const c = await facts.lockCase(db, e.caseId);
  if (!c) throw new AppError('not_found', 'No such case.');
  return repo.appendEvent(db, { ...e, unitId: c.unit_id });
}

/** A generated step of work about a decided case, for imported history: at `seq`, after the case's own events. */
export interface ImportedCaseRecord {
  caseId: string;
  seq: number;
  activity: string;
  occurredAt: Date;
  actorId: string | null;
  unitId: string;
  attributes: Record<string, unknown>;
}

/** Bulk form of `recordCaseEvent` for generated history; it refuses the activities the clock reads. */
export async function importCaseRecords(db: Executor, rows: readonly ImportedCaseRecord[]): Promise<void> {
  const bad = rows.find((r) => CLOCK_ACTIVITIES.has(r.activity));
  if (bad) throw new Error(`"${bad.activity}" changes the clock: import it with the case history`);
  for (let i = 0; i < rows.length; i += 2000)
    await historyRepository.insertEvents(
      db,
      rows.slice(i, i + 2000).map((r) => ({
        case_id: r.caseId,
        seq: r.seq,
        activity: r.activity,
        occurred_at: r.occurredAt.toISOString(),
        actor_id: r.actorId,
        unit_id: r.unitId,
        attributes: r.attributes,
      })),
    );
}

/** A decided case a generated complaint may be about (demo history). */
export interface DecidedCaseForComplaint {
  id: string;
  unitId: string;
  assigneeId: string | null;
  applicantId: string | null;
  outcome: string;
  goalMet: boolean | null;
  decidedAt: Date;
  appealBody: string | null;
}

/** Every decided case (but withdrawn ones), oldest decision first, for generated complaint history. */
export async function decidedCasesForComplaints(db: Executor): Promise<DecidedCaseForComplaint[]> {
  const rows = await facts.decidedCases(db);
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    assigneeId: r.assignee_id,
    applicantId: r.applicant_id,
    outcome: r.outcome,
    goalMet: r.goal_met,
    decidedAt: new Date(r.decided_at),
    appealBody: r.appeal_body,
  }));
}

/** Whether the user may handle work on the unit's cases: active staff with a casework role there or above. */
export function handlesCasesOf(db: Executor, userId: string, unitId: string): Promise<boolean> {
  return repo.canHandleUnit(db, userId, unitId);
}

/** Per case, the last sequence number on its log and its latest decision's event id (for imported records). */
export async function caseLogTails(
  db: Executor,
  caseIds: readonly string[],
): Promise<Map<string, { lastSeq: number; decisionEventId: number | null }>> {
  const rows = await facts.logTails(db, caseIds);
  return new Map(
    rows.map((r) => [
      r.case_id,
      {
        lastSeq: Number(r.last_seq),
        decisionEventId: r.decision_event_id === null ? null : Number(r.decision_event_id),
      },
    ]),
  );
}
