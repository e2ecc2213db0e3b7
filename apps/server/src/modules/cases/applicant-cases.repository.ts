import { sql } from 'kysely';
import type { TCaseTypeDefinition, TLocalizedText } from '@sagsgang/contracts';
import type { Executor } from '../../platform/db/transaction.js';
import type { CaseRow } from './cases.repository.js';
import type { ClockFields } from './case-views.js';
import './cases.tables.js';

/** A case with its type and its clock row's fields (null when it has none yet), read in one statement. */
export interface ApplicantCaseRow extends CaseRow, ClockFields {
  case_type_code: string;
  /** The case type's forecast version, read with the case so the forecast's freshness check needs no read. */
  forecast_version: number | null;
  definition: TCaseTypeDefinition;
  has_clock: boolean;
}

/** One line of the applicant's list: only what the list shows of the case type, not the whole definition. */
export interface ApplicantListRow extends CaseRow, ClockFields {
  case_type_name: TLocalizedText;
  forecast_version: number | null;
  phases: TCaseTypeDefinition['phases'];
  has_clock: boolean;
}

const CLOCK_FIELDS = sql`k.case_id IS NOT NULL AS has_clock, k.clock_start_date, k.deadline, k.legal_deadline,
  k.warn_date, k.paused_since, COALESCE(k.paused_days, 0) AS paused_days, k.decided_at, k.fully_informed_on_receipt,
  v.definition->'serviceGoal'->'warnAt' AS warn_at,
  (SELECT f.version FROM case_forecast_version f WHERE f.case_type_id = c.case_type_id) AS forecast_version`;

const LIST_ROW = sql`
  SELECT c.*, v.definition->'name' AS case_type_name, v.definition->'phases' AS phases, ${CLOCK_FIELDS}
  FROM case_file c
  JOIN case_type_version v ON v.id = c.case_type_version_id
  LEFT JOIN case_clock k ON k.case_id = c.id`;

export const applicantCasesRepository = {
  /** A case by its case number, whoever's it is: the caller checks that it is the applicant's own. */
  async byReference(executor: Executor, reference: string): Promise<ApplicantCaseRow | undefined> {
    const r = await sql<ApplicantCaseRow>`
      SELECT c.*, t.code AS case_type_code, v.definition, ${CLOCK_FIELDS}
      FROM case_file c
      JOIN case_type t ON t.id = c.case_type_id
      JOIN case_type_version v ON v.id = c.case_type_version_id
      LEFT JOIN case_clock k ON k.case_id = c.id
      WHERE c.reference = ${reference}`.execute(executor);
    return r.rows[0];
  },

  /** Whether the case with this case number is the applicant's own: one indexed read, nothing else of the case. */
  async isApplicants(executor: Executor, reference: string, applicantId: string): Promise<boolean> {
    const r = await sql<{ own: boolean }>`
      SELECT EXISTS (SELECT 1 FROM case_file WHERE reference = ${reference} AND applicant_id = ${applicantId}) AS own`.execute(
      executor,
    );
    return r.rows[0]?.own === true;
  },

  /** Every case of an applicant, newest first, each with its type's name and phases and its clock. */
  async ofApplicant(executor: Executor, applicantId: string): Promise<ApplicantListRow[]> {
    const r =
      await sql<ApplicantListRow>`${LIST_ROW} WHERE c.applicant_id = ${applicantId} ORDER BY c.received_at DESC`.execute(
        executor,
      );
    return r.rows;
  },

  /** One case as the applicant's list shows it, whoever's it is: the caller checks that it is the applicant's own. */
  async listRowById(executor: Executor, caseId: string): Promise<ApplicantListRow | undefined> {
    const r = await sql<ApplicantListRow>`${LIST_ROW} WHERE c.id = ${caseId}`.execute(executor);
    return r.rows[0];
  },
};
