import type { TApplicantCaseView, TLocalizedText } from '@sagsgang/contracts';
import { localDateOf } from '@sagsgang/clock';
import type { Principal } from '../../../platform/auth/principal.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { applicantCasesRepository, type ApplicantListRow } from '../applicant-cases.repository.js';
import { clockView } from '../case-views.js';
import type { ExpectedDecision } from '../expected-decision.js';
import { expectedDecisions } from './get-expected-decision.js';

/** One of the applicant's cases as their list shows it. */
export interface OwnCaseItem {
  id: string;
  reference: string;
  caseTypeName: TLocalizedText;
  state: string;
  receivedAt: Date;
  /** The honest expected decision of an open case; null once decided. */
  expected: ExpectedDecision | null;
}

const isDecided = (state: string) => state === 'decided' || state === 'closed';

/** The applicant's cases as the JSON API lists them, newest first: one read, however many cases. */
export async function listApplicantCases(db: Executor, principal: Principal): Promise<TApplicantCaseView[]> {
  const rows = await applicantCasesRepository.ofApplicant(db, principal.userId);
  return rows.map(applicantCaseView);
}

export function applicantCaseView(c: ApplicantListRow): TApplicantCaseView {
  const phase = c.phases.find((p) => p.code === c.phase_code);
  return {
    id: c.id,
    reference: c.reference,
    caseTypeName: c.case_type_name,
    state: c.state as TApplicantCaseView['state'],
    receivedAt: new Date(c.received_at).toISOString(),
    phase: phase ? { code: phase.code, name: phase.name, applicantText: phase.applicantText } : null,
    deadlineDate: c.has_clock ? c.deadline : null,
    outcome: c.outcome as TApplicantCaseView['outcome'],
  };
}

/**
 * The applicant's cases for "Mine sager", newest first, each open one with its expected decision: the cases in one
 * read and the forecasts of all their case types in one or two more, whether the applicant has four cases or forty.
 */
export async function listOwnCases(db: Executor, principal: Principal, now = new Date()): Promise<OwnCaseItem[]> {
  const today = localDateOf(now);
  const rows = await applicantCasesRepository.ofApplicant(db, principal.userId);
  const open = rows.filter((c) => !isDecided(c.state));
  const expected = await expectedDecisions(
    db,
    open.map((c) => {
      const clock = c.has_clock ? clockView(c, today) : null;
      return {
        caseTypeId: c.case_type_id,
        phaseCode: c.phase_code,
        receivedDate: localDateOf(new Date(c.received_at)),
        today,
        goalDate: clock?.deadlineDate ?? null,
        paused: clock?.state === 'paused',
        decided: false,
        forecastVersion: c.forecast_version ?? 0,
      };
    }),
  );
  const byId = new Map(open.map((c, i) => [c.id, expected[i]]));
  return rows.map((c) => ({
    id: c.id,
    reference: c.reference,
    caseTypeName: c.case_type_name,
    state: c.state,
    receivedAt: new Date(c.received_at),
    expected: byId.get(c.id) ?? null,
  }));
}
