import { inTransaction, type Executor } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors.js';
import { checkAnswers, type AnswerValue } from './survey-answers.js';
import { surveysRepository as repo, type Breakdown } from './surveys.repository.js';

export interface HistoricInvitation extends Breakdown {
  sentAt: Date;
  /** The answer and when it came; null when the invitation was not answered. */
  answered: { at: Date; answers: Record<string, AnswerValue> } | null;
  declined: boolean;
}

export interface SurveyHistory {
  surveyCode: string;
  invitations: readonly HistoricInvitation[];
}

/**
 * Brings in past invitations and answers (another system's history, or the demo's generated years) in bulk. The
 * people are not kept: such invitations have no recipient and no link. Every answer is checked against the
 * survey's current definition, as a live answer is.
 */
export async function importSurveyHistory(
  db: Executor,
  history: SurveyHistory,
): Promise<{ invitations: number; responses: number }> {
  return inTransaction(db, async (trx) => {
    const survey = await repo.latestOfCode(trx, history.surveyCode);
    if (!survey) throw new AppError('not_found', `There is no survey ${history.surveyCode}.`);
    const invitations = [];
    const responses = [];
    for (const h of history.invitations) {
      const breakdown: Breakdown = {
        unitId: h.unitId,
        caseTypeId: h.caseTypeId,
        outcome: h.outcome,
        channel: h.channel,
        waitedDays: h.waitedDays,
      };
      invitations.push({
        ...breakdown,
        definitionId: survey.id,
        recipientUserId: null,
        caseId: null,
        contactRef: null,
        sendAt: h.sentAt,
        sentAt: h.sentAt,
        closedAt: h.answered?.at ?? null,
        status: h.answered ? ('answered' as const) : h.declined ? ('declined' as const) : ('sent' as const),
      });
      if (!h.answered) continue;
      const checked = checkAnswers(survey.definition, h.answered.answers);
      if (!checked.ok) throw new AppError('validation', 'An imported answer is not valid.', checked.problems);
      responses.push({ ...breakdown, definitionId: survey.id, answeredAt: h.answered.at, answers: checked.answers });
    }
    await repo.importHistory(trx, { invitations, responses });
    return { invitations: invitations.length, responses: responses.length };
  });
}
