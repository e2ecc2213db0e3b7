import type { TSurveyAnswers, TSurveyDefinition } from '@sagsgang/contracts';
import { inTransaction, type Executor } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors.js';
import { checkAnswers } from './survey-answers.js';
import { hashSurveyToken } from './survey-invitations.service.js';
import { surveysRepository as repo, type InvitationRow } from './surveys.repository.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How a survey is reached: the e-mail's one-time link, or a signed-in citizen's own invitation. */
export type SurveyCredential = { token: string } | { invitationId: string; userId: string };

/** Why a link does not open a survey: each gets its own plain page. */
export type ClosedReason = 'invalid' | 'expired' | 'answered' | 'declined';

export type OpenedSurvey =
  { state: 'open'; invitationId: string; definition: TSurveyDefinition; expiresAt: Date } | { state: ClosedReason };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function findInvitation(db: Executor, cred: SurveyCredential, forUpdate: boolean) {
  if ('token' in cred) {
    // A token is 43 characters of base64url; anything else is not worth a query.
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(cred.token)) return undefined;
    return repo.invitationByTokenHash(db, hashSurveyToken(cred.token), forUpdate);
  }
  if (!UUID.test(cred.invitationId)) return undefined;
  const inv = await repo.invitation(db, cred.invitationId, forUpdate);
  // Another person's invitation is as unknown as a forged link.
  return inv && inv.recipient_user_id === cred.userId ? inv : undefined;
}

function stateOf(inv: InvitationRow | undefined, now: Date): ClosedReason | 'open' {
  if (!inv || inv.status === 'skipped' || !inv.token_hash) return 'invalid';
  if (inv.status === 'answered') return 'answered';
  if (inv.status === 'declined') return 'declined';
  if (!inv.expires_at || new Date(inv.expires_at).getTime() <= now.getTime()) return 'expired';
  return 'open';
}

/** The survey a link or invitation opens, or why it does not. Reads only. */
export async function openSurvey(db: Executor, cred: SurveyCredential, now = new Date()): Promise<OpenedSurvey> {
  const inv = await findInvitation(db, cred, false);
  const state = stateOf(inv, now);
  if (state !== 'open') return { state };
  const survey = await repo.definition(db, inv!.definition_id);
  if (!survey) return { state: 'invalid' };
  return { state: 'open', invitationId: inv!.id, definition: survey.definition, expiresAt: new Date(inv!.expires_at!) };
}

function refuse(state: ClosedReason): never {
  switch (state) {
    case 'invalid':
      throw new AppError('not_found', 'This survey link is not valid.', { reason: state });
    case 'expired':
      throw new AppError('invalid_state', 'This survey link has expired.', { reason: state });
    default:
      throw new AppError('conflict', 'This survey has already been answered or declined.', { reason: state });
  }
}

export interface AnswerResult {
  responseId: string;
  followUpId: string | null;
}

/**
 * Records an answer. The response keeps only what the figures are broken down by (unit, case type, outcome,
 * channel, days waited), not the person or the case. A link works once: the invitation is closed in the same
 * transaction, under a row lock, so two posts of one link store one answer. A very unhappy answer opens a
 * follow-up task for the unit.
 */
export async function answerSurvey(
  db: Executor,
  cred: SurveyCredential,
  raw: TSurveyAnswers,
  now = new Date(),
): Promise<AnswerResult> {
  return inTransaction(db, async (trx) => {
    const inv = await findInvitation(trx, cred, true);
    const state = stateOf(inv, now);
    if (state !== 'open') refuse(state);
    const survey = await repo.definition(trx, inv!.definition_id);
    if (!survey) refuse('invalid');
    const definition = survey.definition;
    const checked = checkAnswers(definition, raw);
    if (!checked.ok) throw new AppError('validation', 'Some answers are not valid.', checked.problems);
    const responseId = await repo.insertResponse(trx, {
      definitionId: survey.id,
      unitId: inv!.unit_id,
      caseTypeId: inv!.case_type_id,
      outcome: inv!.outcome,
      channel: inv!.channel,
      waitedDays: inv!.waited_days,
      answers: checked.answers,
    });
    await repo.close(trx, inv!.id, 'answered');
    let followUpId: string | null = null;
    const rule = definition.followUp;
    const score = rule ? checked.answers[rule.questionId] : undefined;
    if (rule && typeof score === 'number' && score <= rule.atMost && inv!.unit_id)
      followUpId = await repo.insertFollowUp(trx, { responseId, unitId: inv!.unit_id, score });
    return { responseId, followUpId };
  });
}

/** Declines a survey: the link is used up and the person is not asked any survey again for the quarantine period. */
export async function declineSurvey(db: Executor, cred: SurveyCredential, now = new Date()): Promise<void> {
  await inTransaction(db, async (trx) => {
    const inv = await findInvitation(trx, cred, true);
    const state = stateOf(inv, now);
    if (state !== 'open') refuse(state);
    const survey = await repo.definition(trx, inv!.definition_id);
    await repo.close(trx, inv!.id, 'declined');
    const days = Math.max(survey?.definition.trigger.quarantineDays ?? 0, 365);
    if (inv!.recipient_user_id)
      await repo.quarantine(trx, inv!.recipient_user_id, new Date(now.getTime() + days * DAY_MS));
  });
}

export interface OpenSurveyItem {
  invitationId: string;
  title: TSurveyDefinition['title'];
  expiresAt: Date;
}

/** The surveys a signed-in citizen has been sent and not yet answered or declined. */
export async function openSurveysOf(db: Executor, userId: string): Promise<OpenSurveyItem[]> {
  const rows = await repo.openInvitationsOf(db, userId);
  return rows.map((r) => ({ invitationId: r.id, title: r.definition.title, expiresAt: new Date(r.expires_at!) }));
}
