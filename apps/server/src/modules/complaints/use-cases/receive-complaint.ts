import { addDurationToDay, fromDayNumber, localDateOf, toDayNumber } from '@sagsgang/clock';
import {
  AUDIT_PURPOSES,
  type FieldIssueDetail,
  type TComplaintKind,
  type TDuration,
  type TRegisterComplaintRequest,
} from '@sagsgang/contracts';
import type { Principal } from '../../../platform/auth/principal.js';
import { hasRole } from '../../../platform/auth/principal.js';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { AppError } from '../../../platform/errors.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { loadAuthorityCalendar } from '../../calendar/index.js';
import {
  getApplicantCaseFile,
  getComplaintCaseFacts,
  recordCaseEvent,
  type ComplaintCaseFacts,
} from '../../cases/index.js';
import { complaintsRepository as repo } from '../complaints.repository.js';
import { REGISTRARS } from '../complaint-access.js';

export const DEFAULT_COMPLAINT_DEADLINE: TDuration = { amount: 4, unit: 'weeks' };
/** The share of the time to answer at which a complaint warns, as the first warning of a case clock. */
const WARN_SHARE = 0.75;

/** The response deadline of a complaint of `kind` received on `receivedAt`, on the authority calendar. */
export async function responseDeadline(db: Executor, kind: TComplaintKind, receivedAt: Date) {
  const setting = (await repo.deadlines(db)).find((d) => d.kind === kind);
  const duration = setting ? ({ amount: setting.amount, unit: setting.unit } as TDuration) : DEFAULT_COMPLAINT_DEADLINE;
  const calendar = await loadAuthorityCalendar(db);
  const start = toDayNumber(localDateOf(receivedAt));
  const deadline = calendar.rollForward(addDurationToDay(calendar, start, duration));
  return {
    responseDeadline: fromDayNumber(deadline),
    warnDate: fromDayNumber(start + Math.ceil(WARN_SHARE * (deadline - start))),
  };
}

function noDecisionYet(): AppError {
  return new AppError('validation', 'kind: there is no decision to complain about yet.', [
    { path: 'kind', message: 'no decision yet' },
  ]);
}

interface Received {
  kind: TComplaintKind;
  text: string;
  channel: string;
  complainantId: string | null;
  registeredBy: string | null;
  receivedAt: Date;
}

/** Links a complaint to its case, unit, latest decision and handler, sets its deadline and logs it on the case. */
async function receive(trx: Executor, c: ComplaintCaseFacts, r: Received): Promise<string> {
  if (r.kind === 'decision' && !c.latestDecision) throw noDecisionYet();
  const deadline = await responseDeadline(trx, r.kind, r.receivedAt);
  const id = await repo.insert(trx, {
    case_id: c.id,
    complainant_id: r.complainantId,
    kind: r.kind,
    text: r.text,
    channel: r.channel,
    unit_id: c.unitId,
    decision_event_id: r.kind === 'decision' ? (c.latestDecision?.eventId ?? null) : null,
    handler_id: c.assigneeId,
    registered_by: r.registeredBy,
    received_at: r.receivedAt,
    response_deadline: deadline.responseDeadline,
    warn_date: deadline.warnDate,
  });
  await recordCaseEvent(trx, {
    caseId: c.id,
    activity: 'complaint_received',
    actorId: r.registeredBy ?? r.complainantId,
    occurredAt: r.receivedAt,
    attributes: { complaintId: id, kind: r.kind, channel: r.channel, responseDeadline: deadline.responseDeadline },
  });
  return id;
}

/** What is wrong with the portal's form, every field at once (the portal shows them together). */
function problemsOf(kind: string, text: string): [FieldIssueDetail, string][] {
  const problems: [FieldIssueDetail, string][] = [];
  const required = (path: string, rule: string): FieldIssueDetail => ({
    path,
    message: path === 'kind' ? 'missing' : 'empty',
    keyword: 'custom',
    params: { rule },
  });
  if (kind !== 'procedure' && kind !== 'decision')
    problems.push([required('kind', 'complaint_kind_required'), 'kind: choose procedure or decision.']);
  if (!text) problems.push([required('text', 'complaint_text_required'), 'text: write what the complaint is about.']);
  else if (text.length > 20_000)
    problems.push([{ path: 'text', message: 'too long' }, 'text: at most 20,000 characters.']);
  return problems;
}

/**
 * Files a complaint on the applicant's own case from the portal: about the procedure (waiting time, service) at any
 * time, about the decision once there is one.
 */
export async function fileComplaint(
  db: Executor,
  principal: Principal,
  input: { reference: string; kind: string; text: string; requestId?: string; now?: Date },
): Promise<string> {
  const text = input.text.trim();
  const problems = problemsOf(input.kind, text);
  if (problems.length > 0)
    throw new AppError(
      'validation',
      problems.map(([, words]) => words).join(' '),
      problems.map(([issue]) => issue),
    );
  const kind = input.kind as TComplaintKind;
  return inTransaction(db, async (trx) => {
    const own = await getApplicantCaseFile(trx, principal, input.reference);
    const facts = await getComplaintCaseFacts(trx, { id: own.case.id });
    const id = await receive(trx, facts, {
      kind,
      text,
      channel: 'digital',
      complainantId: principal.userId,
      registeredBy: null,
      receivedAt: input.now ?? new Date(),
    });
    await recordAudit(trx, {
      actorUserId: principal.userId,
      action: 'create',
      subjectUserId: principal.userId,
      entityType: 'complaint',
      entityId: id,
      purpose: AUDIT_PURPOSES.complaintFiled,
      requestId: input.requestId ?? null,
      details: { kind, caseId: facts.id },
    });
    return id;
  });
}

/** A complaint received at the counter, by phone, letter or e-mail, registered by staff of the case's unit. */
export async function registerComplaint(
  db: Executor,
  principal: Principal,
  input: TRegisterComplaintRequest,
  now = new Date(),
): Promise<string> {
  return inTransaction(db, async (trx) => {
    const facts = await getComplaintCaseFacts(trx, { reference: input.caseReference }).catch(() => null);
    if (!facts || !hasRole(principal, REGISTRARS, facts.unitId))
      throw new AppError('validation', 'caseReference: no case with that number in your units.', [
        { path: 'caseReference', message: 'not found' },
      ]);
    const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
    if (receivedAt > now)
      throw new AppError('validation', 'receivedAt: must not be in the future.', [
        { path: 'receivedAt', message: 'in the future' },
      ]);
    return receive(trx, facts, {
      kind: input.kind,
      text: input.text,
      channel: input.channel,
      complainantId: facts.applicantId,
      registeredBy: principal.userId,
      receivedAt,
    });
  });
}
