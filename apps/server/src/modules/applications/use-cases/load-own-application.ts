import type { Principal } from '../../../platform/auth/principal.js';
import { auditDenied } from '../../../platform/audit/record-audit.js';
import { AppError } from '../../../platform/errors.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { getCaseTypeVersion } from '../../case-types/index.js';
import { buildForm, type ApplicationForm } from '../application-form.js';
import { applicationsRepository as repo, type ApplicationRow, type DocumentRow } from '../applications.repository.js';

/** An application as its applicant's pages and the use cases see it. */
export interface ApplicationView {
  id: string;
  caseTypeId: string;
  status: 'draft' | 'submitted';
  answers: Record<string, string>;
  /** Sent with the submit form: a repeated submission finds the case the first one made. */
  idempotencyKey: string;
  caseId: string | null;
  caseReference: string | null;
  updatedAt: Date;
}

export interface OwnApplication {
  application: ApplicationView;
  form: ApplicationForm;
  caseTypeName: { da: string; en: string; sv?: string };
  caseTypeCode: string;
}

/** A document uploaded to an application, as the apply pages list it. */
export interface ApplicationDocument {
  id: string;
  /** The requirement it documents; null for a free attachment. */
  requirementCode: string | null;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
}

export const toApplicationView = (a: ApplicationRow): ApplicationView => ({
  id: a.id,
  caseTypeId: a.case_type_id,
  status: a.status,
  answers: a.answers,
  idempotencyKey: a.idempotency_key,
  caseId: a.case_id,
  caseReference: a.case_reference,
  updatedAt: new Date(a.updated_at),
});

export const toApplicationDocument = (d: DocumentRow): ApplicationDocument => ({
  id: d.id,
  requirementCode: d.requirement_code,
  fileName: d.file_name,
  mediaType: d.media_type,
  sizeBytes: d.size_bytes,
  sha256: d.sha256,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The applicant's own application with its form. Someone else's looks exactly like one that does not exist (404),
 * and the attempt is recorded in the audit log as denied.
 */
export async function loadOwnApplication(
  db: Executor,
  principal: Principal,
  id: string,
  forUpdate = false,
): Promise<OwnApplication> {
  const application = UUID.test(id) ? await (forUpdate ? repo.findForUpdate(db, id) : repo.find(db, id)) : undefined;
  if (!application) throw new AppError('not_found', 'No such application.');
  if (application.applicant_id !== principal.userId) {
    throw new AppError(
      'not_found',
      'No such application.',
      auditDenied({ entityType: 'application', entityId: id, subjectUserId: application.applicant_id }),
    );
  }
  const version = await getCaseTypeVersion(db, application.case_type_version_id);
  return {
    application: toApplicationView(application),
    form: buildForm(version.definition),
    caseTypeName: version.definition.name,
    caseTypeCode: version.code,
  };
}

/** The documents on the applicant's own application (loaded, and so checked, by `loadOwnApplication`). */
export async function ownApplicationDocuments(db: Executor, own: OwnApplication): Promise<ApplicationDocument[]> {
  return (await repo.documentsOfApplication(db, own.application.id)).map(toApplicationDocument);
}
