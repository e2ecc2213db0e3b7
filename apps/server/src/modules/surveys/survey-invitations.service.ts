import { createHash, randomBytes } from 'node:crypto';
import type { TSurveyDefinition, TSurveyKind } from '@sagsgang/contracts';
import { localDateOf } from '@sagsgang/clock';
import type { AppConfig } from '../../platform/config.js';
import type { Executor } from '../../platform/db/transaction.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { enqueueJob } from '../../platform/jobs/index.js';
import type { CaseEventNotice } from '../cases/index.js';
import { formatDate, type Mailer } from '../notifications/index.js';
import { renderInvitationMail } from './survey-mail.js';
import { surveysRepository as repo, type Breakdown, type DefinitionRow } from './surveys.repository.js';

export const SURVEY_INVITE_JOB = 'survey.invite';
const DAY_MS = 24 * 60 * 60 * 1000;
// Generated or imported history (the demo's two years, a migration) asks no one anything.
const NEWS_WINDOW_MS = DAY_MS;

/** The link's token is stored only as its sha256: a stolen database yields no usable links. */
export function hashSurveyToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

interface InviteInput {
  survey: DefinitionRow;
  recipientUserId: string;
  caseId: string | null;
  contactRef: string | null;
  breakdown: Breakdown;
  now: Date;
}

export type InviteOutcome = { invited: true; invitationId: string } | { invited: false; reason: InviteRefusal };
export type InviteRefusal = 'no_survey' | 'recently_asked' | 'not_sampled' | 'already_invited';

/**
 * Makes an invitation in the caller's transaction and queues the job that sends it when it is due: the invitation
 * exists exactly when the decision or contact it follows does. Someone asked this survey within its quarantine, or
 * who declined a survey lately, is not asked.
 */
async function invite(trx: Executor, input: InviteInput): Promise<InviteOutcome> {
  const trigger = input.survey.definition.trigger;
  const since = new Date(input.now.getTime() - trigger.quarantineDays * DAY_MS);
  if (await repo.recentlyAsked(trx, input.recipientUserId, input.survey.code, since))
    return { invited: false, reason: 'recently_asked' };
  const sendAt = new Date(input.now.getTime() + trigger.delayDays * DAY_MS);
  const id = await repo.insertInvitation(trx, {
    definitionId: input.survey.id,
    recipientUserId: input.recipientUserId,
    caseId: input.caseId,
    contactRef: input.contactRef,
    sendAt,
    ...input.breakdown,
  });
  if (!id) return { invited: false, reason: 'already_invited' };
  await enqueueJob(trx, { kind: SURVEY_INVITE_JOB, payload: { invitationId: id }, runAt: sendAt, maxAttempts: 8 });
  return { invited: true, invitationId: id };
}

/**
 * Case-event listener: a decision invites the applicant to the current after-decision survey, sent after the
 * survey's delay. Runs in the decision's transaction.
 */
export async function inviteAfterDecision(notice: CaseEventNotice): Promise<void> {
  if (notice.activity !== 'decided') return;
  const applicantId = notice.case.applicant_id;
  if (!applicantId || Date.now() - notice.now.getTime() > NEWS_WINDOW_MS) return;
  const survey = await repo.currentOfKind(notice.trx, 'after_decision');
  if (!survey) return;
  const received = new Date(notice.case.received_at).getTime();
  const outcome = typeof notice.attributes.outcome === 'string' ? notice.attributes.outcome : null;
  await invite(notice.trx, {
    survey,
    recipientUserId: applicantId,
    caseId: notice.case.id,
    contactRef: null,
    now: notice.now,
    breakdown: {
      unitId: notice.case.unit_id,
      caseTypeId: notice.case.case_type_id,
      outcome,
      channel: notice.case.channel,
      waitedDays: Math.max(0, Math.round((notice.occurredAt.getTime() - received) / DAY_MS)),
    },
  });
}

export interface ContactForSurvey {
  /** The contact's own reference in the module that recorded it (no case needed). */
  contactRef: string;
  userId: string;
  channel: string;
  unitId: string;
  /** The moment of the contact; default now. */
  at?: Date;
  /** A number in [0, 1) for the sampling draw; default Math.random (a test passes its own). */
  draw?: number;
}

/**
 * For the module that records contacts (citizen service): call in the contact's transaction. A share of contacts,
 * per channel as the after-contact survey says, gets an invitation, so people are not asked every time.
 */
export async function inviteAfterContact(db: Executor, contact: ContactForSurvey): Promise<InviteOutcome> {
  return inTransaction(db, async (trx) => {
    const survey = await repo.currentOfKind(trx, 'after_contact');
    if (!survey) return { invited: false, reason: 'no_survey' } as const;
    const shares = survey.definition.trigger.samplingShare;
    const share = shares[contact.channel] ?? shares.default ?? 0;
    if ((contact.draw ?? Math.random()) >= share) return { invited: false, reason: 'not_sampled' } as const;
    return invite(trx, {
      survey,
      recipientUserId: contact.userId,
      caseId: null,
      contactRef: contact.contactRef,
      now: contact.at ?? new Date(),
      breakdown: {
        unitId: contact.unitId,
        caseTypeId: null,
        outcome: null,
        channel: contact.channel,
        waitedDays: null,
      },
    });
  });
}

/** Invites the given people to an annual survey of `kind` now (all staff, or a drawn sample of users). */
export async function inviteToAnnualSurvey(
  db: Executor,
  kind: Extract<TSurveyKind, 'annual_user' | 'annual_staff'>,
  recipients: readonly { userId: string; unitId: string | null }[],
  now = new Date(),
): Promise<{ invited: number; skipped: number }> {
  return inTransaction(db, async (trx) => {
    const survey = await repo.currentOfKind(trx, kind);
    if (!survey) return { invited: 0, skipped: recipients.length };
    let invited = 0;
    for (const r of recipients) {
      const o = await invite(trx, {
        survey,
        recipientUserId: r.userId,
        caseId: null,
        contactRef: null,
        now,
        breakdown: { unitId: r.unitId, caseTypeId: null, outcome: null, channel: null, waitedDays: null },
      });
      if (o.invited) invited++;
    }
    return { invited, skipped: recipients.length - invited };
  });
}

export interface SendDeps {
  db: Executor;
  mailer: Mailer;
  config: Pick<AppConfig, 'publicUrl' | 'authorityName'>;
}

/**
 * Sends one due invitation with a fresh one-time link. The token is made here and only its hash kept; a retry after
 * a failed send makes a new one (the old link never reached anyone). Safe to run again: a sent invitation is done.
 */
export async function sendInvitation(
  deps: SendDeps,
  invitationId: string,
): Promise<'sent' | 'skipped' | 'already_done'> {
  const inv = await repo.invitation(deps.db, invitationId);
  if (!inv || inv.status !== 'scheduled') return 'already_done';
  const recipient = inv.recipient_user_id ? await repo.recipient(deps.db, inv.recipient_user_id) : undefined;
  const survey = await repo.definition(deps.db, inv.definition_id);
  if (!recipient?.email || !recipient.active || !survey) {
    await repo.close(deps.db, inv.id, 'skipped');
    return 'skipped';
  }
  const definition: TSurveyDefinition = survey.definition;
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + definition.trigger.expiryDays * DAY_MS);
  await repo.setToken(deps.db, inv.id, hashSurveyToken(token), expiresAt);
  const base = deps.config.publicUrl.replace(/\/$/, '');
  const locale = recipient.locale as 'da' | 'en' | 'sv';
  const mail = renderInvitationMail({
    locale,
    definition,
    authorityName: deps.config.authorityName,
    recipientName: recipient.displayName,
    link: `${base}/undersoegelse?token=${token}`,
    expires: formatDate(locale, localDateOf(expiresAt)),
  });
  const messageId = `<survey-${inv.id}@${new URL(base).hostname}>`;
  await deps.mailer.send({ to: recipient.email, ...mail, messageId });
  await repo.markSent(deps.db, inv.id);
  return 'sent';
}

/**
 * Sends an annual survey out now: the staff survey to every active member of staff (each counted in the unit of
 * their role), the user survey to a random sample of `sampleSize` citizens (counted in the authority's top unit).
 */
export async function launchAnnualSurvey(
  db: Executor,
  input: { kind: Extract<TSurveyKind, 'annual_user' | 'annual_staff'>; sampleSize?: number },
): Promise<{ invited: number; skipped: number }> {
  return inTransaction(db, async (trx) => {
    let recipients: { userId: string; unitId: string | null }[];
    if (input.kind === 'annual_staff') recipients = await repo.staffRecipients(trx);
    else {
      const unitId = await repo.rootUnit(trx);
      recipients = (await repo.applicantSample(trx, input.sampleSize ?? 1000)).map((userId) => ({ userId, unitId }));
    }
    return inviteToAnnualSurvey(trx, input.kind, recipients);
  });
}
