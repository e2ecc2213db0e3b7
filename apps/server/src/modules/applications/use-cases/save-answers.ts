import type { Principal } from '../../../platform/auth/principal.js';
import { AppError } from '../../../platform/errors.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { applicationsRepository as repo } from '../applications.repository.js';
import { assertStepFields, validateStep } from '../step-validation.js';
import type { Finding } from '../screening/screening-types.js';
import { loadOwnApplication } from './load-own-application.js';

export interface SaveAnswersInput {
  applicationId: string;
  stepId: string;
  answers: Record<string, string>;
  /** The screening day (YYYY-MM-DD in the authority's zone). */
  today: string;
}

/**
 * Saves what the applicant typed on one step, valid or not (a draft never loses input), and returns what must be
 * fixed before they move on.
 */
export async function saveAnswers(
  db: Executor,
  principal: Principal,
  input: SaveAnswersInput,
): Promise<{ findings: Finding[]; answers: Record<string, string> }> {
  return inTransaction(db, async (trx) => {
    const own = await loadOwnApplication(trx, principal, input.applicationId, true);
    if (own.application.status !== 'draft')
      throw new AppError('invalid_state', 'This application has already been sent.', { state: 'submitted' });
    const step = own.form.steps.find((s) => s.id === input.stepId);
    if (!step) throw new AppError('not_found', 'No such step in this application.');
    assertStepFields(own.form, step, input.answers);
    const cleaned = Object.fromEntries(Object.entries(input.answers).map(([k, v]) => [k, v.slice(0, 20_000)]));
    const answers = { ...own.application.answers, ...cleaned };
    await repo.saveAnswers(trx, own.application.id, answers);
    return { findings: validateStep(own.form, step, answers, input.today), answers };
  });
}
