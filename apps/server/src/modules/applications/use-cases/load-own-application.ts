import type { Principal } from '../../../platform/auth/principal.js';
import { auditDenied } from '../../../platform/audit/record-audit.js';
import { AppError } from '../../../platform/errors.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { getCaseTypeVersion } from '../../case-types/index.js';
import { buildForm, type ApplicationForm } from '../application-form.js';
import { applicationsRepository as repo, type ApplicationRow } from '../applications.repository.js';

export interface OwnApplication {
  application: ApplicationRow;
  form: ApplicationForm;
  caseTypeName: { da: string; en: string; sv?: string };
  caseTypeCode: string;
}

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
    application,
    form: buildForm(version.definition),
    caseTypeName: version.definition.name,
    caseTypeCode: version.code,
  };
}
