import { AUDIT_PURPOSES, type TReview, type TSubmitReview } from '@sagsgang/contracts';
import { AppError } from '../../../platform/errors.js';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import type { Principal } from '../../../platform/auth/principal.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { supervisionRepository as repo, type SampleCaseRow, type SampleRow } from '../supervision.repository.js';
import { loadProgramme } from './access.js';

async function sampledCase(
  db: Executor,
  p: Principal,
  sampleId: string,
  caseId: string,
  need: 'read' | 'review',
): Promise<{ sample: SampleRow; sc: SampleCaseRow }> {
  const sample = await repo.sample(db, sampleId);
  if (!sample) throw new AppError('not_found', 'No such sample.');
  await loadProgramme(db, p, sample.programme_id, need);
  const sc = await repo.sampleCase(db, sampleId, caseId);
  // Reviewers see only the sampled cases of their programme: any other case is not there for them.
  if (!sc || sc.replaced_at) throw new AppError('not_found', 'That case is not in the sample.');
  return { sample, sc };
}

/**
 * A reviewer's review of one sampled case: each criterion of the checklist answered once (met, not met, or not
 * applicable where the criterion allows it), the holistic score, and a finding marked for follow-up with the
 * caseworker. Someone who handled the case may not review it; a case is reviewed once.
 */
export async function submitReview(
  db: Executor,
  p: Principal,
  sampleId: string,
  caseId: string,
  input: TSubmitReview,
  requestId?: string,
): Promise<TReview> {
  const { sample, sc } = await sampledCase(db, p, sampleId, caseId, 'review');
  if (sc.handler_ids.includes(p.userId)) {
    throw new AppError('forbidden', 'You handled this case yourself: another reviewer must review it.', {
      reason: 'own_case',
    });
  }
  const criteria = await repo.criteria(db, [sample.programme_id]);
  const byId = new Map(criteria.map((c) => [c.id, c]));
  const problems: { path: string; message: string }[] = [];
  input.answers.forEach((a, i) => {
    const c = byId.get(a.criterionId);
    if (!c) problems.push({ path: `/answers/${i}/criterionId`, message: 'not a criterion of this programme' });
    else if (a.answer === 'not_applicable' && !c.allows_na)
      problems.push({ path: `/answers/${i}/answer`, message: `"${c.code}" cannot be not applicable` });
  });
  const answered = new Set(input.answers.map((a) => a.criterionId));
  for (const c of criteria)
    if (!answered.has(c.id)) problems.push({ path: '/answers', message: `"${c.code}" is not answered` });
  if (problems.length) throw new AppError('validation', `answers: ${problems[0]!.message}`, problems);
  await inTransaction(db, async (trx) => {
    const fresh = await repo.insertReview(trx, {
      sample_case_id: sc.id,
      reviewer_id: p.userId,
      holistic_score: input.holisticScore,
      follow_up: input.followUp,
      follow_up_note: input.followUpNote,
    });
    if (!fresh) {
      throw new AppError('conflict', 'This case has been reviewed already: its criteria cannot be answered twice.', {
        reason: 'already_reviewed',
      });
    }
    await repo.insertAnswers(
      trx,
      input.answers.map((a) => ({
        sample_case_id: sc.id,
        criterion_id: a.criterionId,
        answer: a.answer,
        comment: a.comment,
      })),
    );
    await recordAudit(trx, {
      actorUserId: p.userId,
      action: 'create',
      entityType: 'supervision_review',
      entityId: sc.id,
      purpose: AUDIT_PURPOSES.supervision,
      requestId: requestId ?? null,
      details: { sampleId, caseId },
    });
  });
  return getReview(db, p, sampleId, caseId);
}

export async function getReview(db: Executor, p: Principal, sampleId: string, caseId: string): Promise<TReview> {
  const { sc } = await sampledCase(db, p, sampleId, caseId, 'read');
  const [[review], answers] = await Promise.all([repo.reviews(db, [sc.id]), repo.answers(db, [sc.id])]);
  if (!review) throw new AppError('not_found', 'This case has not been reviewed yet.');
  return {
    sampleCaseId: sc.id,
    caseId: sc.case_id,
    reference: sc.reference,
    reviewerName: review.reviewer_name,
    holisticScore: review.holistic_score,
    followUp: review.follow_up,
    followUpNote: review.follow_up_note,
    reviewedAt: new Date(review.reviewed_at).toISOString(),
    answers: answers.map((a) => ({
      criterionId: a.criterion_id,
      answer: a.answer as TReview['answers'][number]['answer'],
      comment: a.comment,
    })),
  };
}
