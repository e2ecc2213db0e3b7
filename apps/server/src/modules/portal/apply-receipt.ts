import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { requireApplicant } from '../../platform/auth/guards.js';
import {
  getApplicantProfile,
  loadOwnApplication,
  requirementCodeOf,
  screenApplication,
  screeningRequirements,
  type ApplicationDocument,
  type OwnApplication,
} from '../applications/index.js';
import { getApplicantCaseView } from '../cases/index.js';
import { lt } from './apply-components.js';
import { expectedBlock } from './expected-block.js';
import { pageContext } from './portal-page.js';
import { applyReceiptPage } from './pages/apply-receipt-page.js';
import { sendPage } from './portal-send.js';

/** What the screening would find missing if the application were sent now, as the applicant's labels. */
export function missingLabels(
  locale: Locale,
  own: OwnApplication,
  docs: ApplicationDocument[],
  today: string,
): string[] {
  const documents = docs.map((d) => ({
    requirementKey: d.requirementCode ?? '',
    detectedType: d.mediaType,
    sizeBytes: d.sizeBytes,
    fileName: d.fileName,
  }));
  const result = screenApplication({
    requirements: screeningRequirements({ requirements: own.form.requirements }),
    answers: own.application.answers,
    documents,
    today,
  });
  const codes = [...new Set(result.missingKeys.map(requirementCodeOf))];
  return codes.map((c) => lt(own.form.requirements.find((r) => r.code === c)?.label, locale) || c);
}

/** The receipt after sending: read back from the case and its automatic screening event. */
export async function renderReceipt(
  ctx: AppContext,
  request: FastifyRequest<{ Params: { id: string } }>,
  reply: FastifyReply,
) {
  const principal = requireApplicant(request);
  const page = pageContext(request, reply, ctx.config);
  const db = ctx.database.db;
  const own = await loadOwnApplication(db, principal, request.params.id);
  if (own.application.status !== 'submitted' || !own.application.caseReference)
    throw new AppError('not_found', 'This application has not been sent yet.');
  const view = await getApplicantCaseView(db, principal, own.application.caseReference);
  const d = view.definition;
  const screening = [...view.events].reverse().find((e) => e.activity === 'screened_automatically');
  const missingCodes = ((screening?.attributes.missing ?? []) as { requirementCode: string }[]).map(
    (m) => m.requirementCode,
  );
  const missing = [...new Set(missingCodes)].map(
    (c) => lt(d.requirements.find((r) => r.code === c)?.label, page.locale) || c,
  );
  const currentOrder = d.phases.find((p) => p.code === view.case.phaseCode)?.order ?? 0;
  const next = d.phases.find((p) => p.order > currentOrder) ?? d.phases[0];
  const profile = await getApplicantProfile(db, principal);
  const caseType = lt(d.name, page.locale);
  const body = applyReceiptPage(page, {
    reference: view.case.reference,
    caseTypeName: caseType,
    nextStep: lt(next?.applicantText, page.locale),
    missing,
    email: profile.email,
    expected: expectedBlock(page.t, page.locale, view.expected, caseType, view.caseTypeCode),
  });
  return sendPage(reply, page, page.t('applications:receiptTitle'), body);
}
