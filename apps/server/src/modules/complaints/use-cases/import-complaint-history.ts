import { addDurationToDay, fromDayNumber, localDateOf, toDayNumber } from '@sagsgang/clock';
import type { Insertable } from 'kysely';
import type { Executor } from '../../../platform/db/transaction.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { loadAuthorityCalendar } from '../../calendar/index.js';
import { caseLogTails, importCaseRecords, type ImportedCaseRecord } from '../../cases/index.js';
import { complaintsRepository as repo } from '../complaints.repository.js';
import type { ComplaintTable } from '../complaints.tables.js';
import { findingsRepository } from '../findings.repository.js';
import { DEFAULT_COMPLAINT_DEADLINE } from './receive-complaint.js';

/** A complaint of generated history, with the steps taken on it so far. */
export interface ImportedComplaint {
  id: string;
  caseId: string;
  unitId: string;
  complainantId: string | null;
  handlerId: string | null;
  kind: 'procedure' | 'decision';
  channel: string;
  text: string;
  receivedAt: Date;
  forwarded?: { at: Date; appealBody: string; reasons: string; letter: string };
  changed?: { at: Date; result: 'changed' | 'partly_changed'; reasons: string };
  appeal?: { outcome: string; decidedOn: string; reasons: string };
  answer?: { at: Date; letter: string; outcome: string; cause: string };
}

export interface ImportedFinding {
  source: 'complaint' | 'own_initiative' | 'annual_report';
  reportYear: number | null;
  title: string;
  recommendation: string;
  unitIds: string[];
  responsibleId: string | null;
  status: 'open' | 'in_progress' | 'closed';
  foundOn: string;
  closedAt: Date | null;
  actions: { description: string; dueDate: string; doneAt: Date | null }[];
}

/**
 * Bulk import of complaint history (the demo's generator): the complaints with their deadlines on the authority
 * calendar, and their steps as events on their cases' logs. The caller's cases must be decided already.
 */
export async function importComplaintHistory(db: Executor, list: readonly ImportedComplaint[]): Promise<number> {
  return inTransaction(db, async (trx) => {
    const calendar = await loadAuthorityCalendar(trx);
    // Each complaint's events follow its case's own; a decision complaint is about the latest decision.
    const tails = await caseLogTails(trx, [...new Set(list.map((c) => c.caseId))]);
    const nextSeq = new Map([...tails].map(([id, t]) => [id, t.lastSeq + 1]));
    const rows: Insertable<ComplaintTable>[] = [];
    const events: ImportedCaseRecord[] = [];
    for (const c of list) {
      const start = toDayNumber(localDateOf(c.receivedAt));
      const deadline = calendar.rollForward(addDurationToDay(calendar, start, DEFAULT_COMPLAINT_DEADLINE));
      rows.push({
        id: c.id,
        case_id: c.caseId,
        complainant_id: c.complainantId,
        kind: c.kind,
        text: c.text,
        channel: c.channel,
        created_at: c.receivedAt,
        unit_id: c.unitId,
        decision_event_id: c.kind === 'decision' ? (tails.get(c.caseId)?.decisionEventId ?? null) : null,
        handler_id: c.handlerId,
        received_at: c.receivedAt,
        state: c.appeal
          ? 'appeal_decided'
          : c.forwarded
            ? 'forwarded'
            : c.changed
              ? 'changed_by_authority'
              : c.answer
                ? 'answered'
                : 'received',
        response_deadline: fromDayNumber(deadline),
        warn_date: fromDayNumber(start + Math.ceil(0.75 * (deadline - start))),
        reconsidered_at: c.forwarded?.at ?? c.changed?.at ?? null,
        reconsideration: c.forwarded ? 'upheld' : (c.changed?.result ?? null),
        reconsideration_reasons: c.forwarded?.reasons ?? c.changed?.reasons ?? null,
        forwarded_at: c.forwarded?.at ?? null,
        appeal_body: c.forwarded?.appealBody ?? null,
        forwarding_letter: c.forwarded?.letter ?? null,
        appeal_outcome: c.appeal?.outcome ?? null,
        appeal_decided_on: c.appeal?.decidedOn ?? null,
        appeal_reasons: c.appeal?.reasons ?? null,
        answered_at: c.answer?.at ?? null,
        answer_letter: c.answer?.letter ?? null,
        procedure_outcome: c.answer?.outcome ?? null,
        procedure_cause: c.answer?.cause ?? null,
      });
      const add = (activity: string, occurredAt: Date, attributes: Record<string, unknown>) => {
        const seq = nextSeq.get(c.caseId) ?? 1;
        nextSeq.set(c.caseId, seq + 1);
        events.push({
          caseId: c.caseId,
          seq,
          activity,
          occurredAt,
          actorId: activity === 'complaint_received' ? c.complainantId : c.handlerId,
          unitId: c.unitId,
          attributes: { complaintId: c.id, kind: c.kind, ...attributes },
        });
      };
      add('complaint_received', c.receivedAt, { channel: c.channel, responseDeadline: fromDayNumber(deadline) });
      if (c.forwarded)
        add('complaint_forwarded', c.forwarded.at, { reconsideration: 'upheld', appealBody: c.forwarded.appealBody });
      if (c.changed) add('complaint_reconsidered', c.changed.at, { reconsideration: c.changed.result });
      if (c.appeal)
        add('appeal_decided', new Date(`${c.appeal.decidedOn}T12:00:00Z`), {
          appealOutcome: c.appeal.outcome,
          decidedOn: c.appeal.decidedOn,
        });
      if (c.answer) add('complaint_answered', c.answer.at, { outcome: c.answer.outcome, cause: c.answer.cause });
    }
    for (let i = 0; i < rows.length; i += 500) await repo.insertMany(trx, rows.slice(i, i + 500));
    await importCaseRecords(trx, events);
    return rows.length;
  });
}

/** Bulk import of the citizens' advisor's findings with their actions (the demo's report). */
export async function importFindings(db: Executor, list: readonly ImportedFinding[]): Promise<void> {
  await inTransaction(db, async (trx) => {
    for (const f of list) {
      const id = await findingsRepository.insert(trx, {
        source: f.source,
        report_year: f.reportYear,
        title: f.title,
        recommendation: f.recommendation,
        unit_ids: f.unitIds,
        case_type_ids: [],
        responsible_id: f.responsibleId,
        status: f.status,
        found_on: f.foundOn,
        closed_at: f.closedAt,
      });
      await findingsRepository.insertActions(
        trx,
        f.actions.map((a) => ({ finding_id: id, description: a.description, due_date: a.dueDate, done_at: a.doneAt })),
      );
    }
  });
}
