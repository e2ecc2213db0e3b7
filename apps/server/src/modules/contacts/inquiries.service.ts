import {
  AUDIT_PURPOSES,
  DIGITAL_CHANNELS,
  type TCaseStatusView,
  type TContactTopic,
  type TInquiryChannel,
  type TInquiryView,
  type TRegisterInquiry,
} from '@sagsgang/contracts';
import { localDateOf } from '@sagsgang/clock';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { unitsWithRole, type Principal, type StaffRole } from '../../platform/auth/principal.js';
import { inTransaction, type Executor } from '../../platform/db/transaction.js';
import { inviteAfterContact } from '../surveys/index.js';
import { caseIdOfReference, lookUpCaseStatus } from '../cases/index.js';
import { inquiriesRepository as repo, type InquiryRow } from './inquiries.repository.js';
import { listTopics } from './topics.service.js';
import { openingTest } from './opening-hours.service.js';

/** Who registers inquiries: the front line, and caseworkers and team leads who take a call themselves. */
export const REGISTERING_ROLES: readonly StaffRole[] = ['frontline', 'caseworker', 'teamlead'];
/** Who answers forwarded inquiries on a unit. */
export const ANSWERING_ROLES: readonly StaffRole[] = ['frontline', 'caseworker', 'teamlead'];

const invalid = (path: string, message: string) =>
  new AppError('validation', `${path}: ${message}`, [{ path: `/${path}`, message }]);

export function toInquiryView(r: InquiryRow, topics: ReadonlyMap<string, TContactTopic>): TInquiryView {
  return {
    id: r.id,
    receivedAt: new Date(r.received_at).toISOString(),
    channel: r.channel as TInquiryView['channel'],
    topicCode: r.topic_code,
    topicName: topics.get(r.topic_code)?.name ?? { da: r.topic_code, en: r.topic_code },
    unitId: r.unit_id,
    citizenId: r.citizen_id,
    citizenName: r.citizen_name,
    businessCvr: r.business_cvr,
    caseId: r.case_id,
    caseReference: r.case_reference,
    note: r.note,
    result: r.result as TInquiryView['result'],
    referredTo: r.referred_to,
    forwardedUnitId: r.forwarded_unit_id,
    forwardedUserId: r.forwarded_user_id,
    dueDate: r.due_date,
    answer: r.answer,
    answeredAt: r.answered_at ? new Date(r.answered_at).toISOString() : null,
    outsideHours: r.outside_hours,
  };
}

export async function topicMap(db: Executor): Promise<Map<string, TContactTopic>> {
  return new Map((await listTopics(db)).map((t) => [t.code, t]));
}

/** The unit the registering staff member works for: their first front-line unit, else any unit they may register on. */
function registeringUnit(principal: Principal): string {
  for (const role of REGISTERING_ROLES) {
    const grant = principal.grants.find((g) => g.role === role && g.unitId);
    if (grant?.unitId) return grant.unitId;
  }
  throw new AppError('forbidden', 'Only citizen service and caseworkers register inquiries.');
}

/**
 * Offers the after-contact survey to the citizen the inquiry was about (never for an anonymous one), in the
 * inquiry's transaction. The survey samples per channel as it names them: phone, counter, and the digital channels
 * as one.
 */
async function offerSurvey(
  trx: Executor,
  inquiry: { id: string; citizenId: string | null; channel: string; unitId: string },
): Promise<void> {
  if (!inquiry.citizenId) return;
  const channel = DIGITAL_CHANNELS.includes(inquiry.channel as TInquiryChannel) ? 'digital' : inquiry.channel;
  await inviteAfterContact(trx, { contactRef: inquiry.id, userId: inquiry.citizenId, channel, unitId: inquiry.unitId });
}

interface Meta {
  requestId?: string;
  now?: Date;
}

/** Registers one inquiry with its result: resolved at first contact, forwarded as a task, or referred elsewhere. */
export async function registerInquiry(
  db: Executor,
  principal: Principal,
  input: TRegisterInquiry,
  meta: Meta = {},
): Promise<TInquiryView> {
  const unitId = registeringUnit(principal);
  const now = meta.now ?? new Date();
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime() + 60_000) throw invalid('receivedAt', 'lies in the future');
  const topics = await topicMap(db);
  if (!topics.has(input.topicCode)) throw invalid('topicCode', 'not a topic of this authority');
  if (input.citizenId && !(await repo.isApplicant(db, input.citizenId))) throw invalid('citizenId', 'no such citizen');
  if (input.result === 'forwarded') {
    if (!(await repo.unitExists(db, input.forwardToUnitId!))) throw invalid('forwardToUnitId', 'no such unit');
    if (input.dueDate! < localDateOf(now)) throw invalid('dueDate', 'lies in the past');
    if (input.forwardToUserId && !(await repo.holdsRoleOn(db, input.forwardToUserId, [input.forwardToUnitId!])))
      throw invalid('forwardToUserId', 'does not work in that unit');
  }
  const caseId = input.caseReference ? await caseIdOfReference(db, input.caseReference) : null;
  if (input.caseReference && !caseId) throw invalid('caseReference', 'no case has that reference');
  const isOpen = await openingTest(db, localDateOf(receivedAt), localDateOf(receivedAt));
  return inTransaction(db, async (trx) => {
    const id = await repo.insert(trx, {
      received_at: receivedAt,
      channel: input.channel,
      topic_code: input.topicCode,
      unit_id: unitId,
      registered_by: principal.userId,
      citizen_id: input.citizenId ?? null,
      business_cvr: input.businessCvr ?? null,
      case_id: caseId,
      note: input.note,
      result: input.result,
      referred_to: input.result === 'referred' ? input.referredTo! : null,
      forwarded_unit_id: input.result === 'forwarded' ? input.forwardToUnitId! : null,
      forwarded_user_id: input.result === 'forwarded' ? (input.forwardToUserId ?? null) : null,
      due_date: input.result === 'forwarded' ? input.dueDate! : null,
      outside_hours: !isOpen(input.channel, receivedAt),
    });
    await repo.addEvent(trx, { inquiryId: id, activity: 'registered', actorId: principal.userId });
    if (input.result !== 'resolved')
      await repo.addEvent(trx, { inquiryId: id, activity: input.result, actorId: principal.userId });
    // Ended at the first contact (resolved or referred): the after-contact survey may ask about it now.
    if (input.result !== 'forwarded')
      await offerSurvey(trx, { id, citizenId: input.citizenId ?? null, channel: input.channel, unitId });
    await recordAudit(trx, {
      actorUserId: principal.userId,
      action: 'create',
      subjectUserId: input.citizenId ?? null,
      entityType: 'inquiry',
      entityId: id,
      purpose: AUDIT_PURPOSES.citizenServiceInquiry,
      requestId: meta.requestId ?? null,
    });
    return toInquiryView((await repo.byId(trx, id))!, topics);
  });
}

/**
 * "Where is my case?": the case's status and expected date for the front line, audited with its purpose and the
 * inquiry it answers (which must be one the reader registered or may see).
 */
export async function lookUpCaseForInquiry(
  db: Executor,
  principal: Principal,
  input: { reference: string; inquiryId?: string },
  meta: Meta = {},
): Promise<TCaseStatusView> {
  if (unitsWithRole(principal, REGISTERING_ROLES).length === 0)
    throw new AppError('forbidden', 'Only citizen service looks up case status for an inquiry.');
  return inTransaction(db, async (trx) => {
    if (input.inquiryId) {
      const inquiry = await repo.byId(trx, input.inquiryId);
      if (!inquiry || !unitsWithRole(principal, REGISTERING_ROLES).includes(inquiry.unit_id))
        throw new AppError('not_found', 'No such inquiry.');
    }
    const status = await lookUpCaseStatus(trx, {
      actorUserId: principal.userId,
      reference: input.reference,
      purpose: AUDIT_PURPOSES.citizenServiceCaseStatus,
      requestId: meta.requestId ?? null,
      details: input.inquiryId ? { inquiryId: input.inquiryId } : {},
      now: meta.now,
    });
    if (input.inquiryId)
      await repo.addEvent(trx, { inquiryId: input.inquiryId, activity: 'case_status_read', actorId: principal.userId });
    return status;
  });
}

/** The tasks waiting for the reader: inquiries forwarded to them or their units, and open web-form inquiries. */
export async function openTasks(db: Executor, principal: Principal): Promise<TInquiryView[]> {
  const unitIds = unitsWithRole(principal, ANSWERING_ROLES);
  const [rows, topics] = await Promise.all([repo.openTasks(db, { unitIds, userId: principal.userId }), topicMap(db)]);
  return rows.map((r) => toInquiryView(r, topics));
}

/** Closes a task with the answer the citizen gets (shown on the portal's "my inquiries"). */
export async function answerInquiry(
  db: Executor,
  principal: Principal,
  input: { inquiryId: string; answer: string },
  meta: Meta = {},
): Promise<TInquiryView> {
  const unitIds = unitsWithRole(principal, ANSWERING_ROLES);
  return inTransaction(db, async (trx) => {
    const row = await repo.lock(trx, input.inquiryId);
    const mine =
      row &&
      ((row.result === 'forwarded' &&
        (row.forwarded_user_id === principal.userId ||
          (row.forwarded_user_id === null && unitIds.includes(row.forwarded_unit_id!)))) ||
        (row.result === 'open' && unitIds.includes(row.unit_id)));
    if (!row || !mine) throw new AppError('not_found', 'No such task.');
    if (row.answered_at) throw new AppError('conflict', 'This task has already been answered.');
    await repo.answer(trx, row.id, { answer: input.answer, by: principal.userId, at: meta.now ?? new Date() });
    await repo.addEvent(trx, { inquiryId: row.id, activity: 'answered', actorId: principal.userId });
    // A forwarded inquiry ends with its answer: only then is the contact over and worth a survey.
    await offerSurvey(trx, { id: row.id, citizenId: row.citizen_id, channel: row.channel, unitId: row.unit_id });
    await recordAudit(trx, {
      actorUserId: principal.userId,
      action: 'update',
      subjectUserId: row.citizen_id,
      entityType: 'inquiry',
      entityId: row.id,
      purpose: AUDIT_PURPOSES.citizenServiceInquiry,
      requestId: meta.requestId ?? null,
    });
    return toInquiryView((await repo.byId(trx, row.id))!, await topicMap(trx));
  });
}

/** The citizen's own inquiries, newest first, with their answers. */
export async function citizenInquiries(db: Executor, principal: Principal): Promise<TInquiryView[]> {
  const [rows, topics] = await Promise.all([repo.ofCitizen(db, principal.userId), topicMap(db)]);
  return rows.map((r) => toInquiryView(r, topics));
}

/** A web-form inquiry from the portal: it waits, open, for citizen service, which answers it as a task. */
export async function submitWebInquiry(
  db: Executor,
  principal: Principal,
  input: { topicCode: string; note: string; caseReference?: string },
  meta: Meta = {},
): Promise<string> {
  const topics = await topicMap(db);
  if (!topics.has(input.topicCode)) throw invalid('topicCode', 'choose a topic');
  const unitId = (await repo.frontlineUnit(db)) ?? topics.get(input.topicCode)?.unitId;
  if (!unitId) throw new AppError('invalid_state', 'Citizen service is not set up to take inquiries yet.');
  // A reference is kept only when it is the citizen's own case: nobody learns whether another's case exists.
  const caseId = input.caseReference ? await caseIdOfReference(db, input.caseReference, principal.userId) : null;
  const now = meta.now ?? new Date();
  const isOpen = await openingTest(db, localDateOf(now), localDateOf(now));
  return inTransaction(db, async (trx) => {
    const id = await repo.insert(trx, {
      received_at: now,
      channel: 'web_form',
      topic_code: input.topicCode,
      unit_id: unitId,
      registered_by: null,
      citizen_id: principal.userId,
      case_id: caseId,
      note: input.note,
      result: 'open',
      outside_hours: !isOpen('web_form', now),
    });
    await repo.addEvent(trx, { inquiryId: id, activity: 'registered', actorId: principal.userId });
    await recordAudit(trx, {
      actorUserId: principal.userId,
      action: 'create',
      subjectUserId: principal.userId,
      entityType: 'inquiry',
      entityId: id,
      purpose: AUDIT_PURPOSES.citizenServiceInquiry,
      requestId: meta.requestId ?? null,
    });
    return id;
  });
}
