import type { FastifyReply, FastifyRequest } from 'fastify';
import { localDateOf } from '@sagsgang/clock';
import type { Locale } from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { requireApplicant } from '../../platform/auth/guards.js';
import {
  applicationsRepository,
  loadOwnApplication,
  requirementCodeOf,
  screenApplication,
  screeningRequirements,
  type DocumentRow,
  type OwnApplication,
} from '../applications/index.js';
import { expectedDecision, getApplicantCaseFile } from '../cases/index.js';
import { lt } from './apply-components.js';
import { expectedBlock } from './expected-block.js';
import { pageContext } from './portal-page.js';
import { applyReceiptPage } from './pages/apply-receipt-page.js';
import { sendPage } from './portal-send.js';

/** What the screening would find missing if the application were sent now, as the applicant's labels. */
export function missingLabels(locale: Locale, own: OwnApplication, docs: DocumentRow[], today: string): string[] {
  const documents = docs.map((d) => ({
    requirementKey: d.requirement_code ?? '',
    detectedType: d.media_type,
    sizeBytes: d.size_bytes,
    fileName: d.file_name,
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
  if (own.application.status !== 'submitted' || !own.application.case_reference)
    throw new AppError('not_found', 'This application has not been sent yet.');
  const file = await getApplicantCaseFile(db, principal, own.application.case_reference);
  const d = file.definition;
  const screening = [...file.events].reverse().find((e) => e.activity === 'screened_automatically');
  const missingCodes = ((screening?.attributes.missing ?? []) as { requirementCode: string }[]).map(
    (m) => m.requirementCode,
  );
  const missing = [...new Set(missingCodes)].map(
    (c) => lt(d.requirements.find((r) => r.code === c)?.label, page.locale) || c,
  );
  const currentOrder = d.phases.find((p) => p.code === file.case.phase_code)?.order ?? 0;
  const next = d.phases.find((p) => p.order > currentOrder) ?? d.phases[0];
  const today = localDateOf(new Date());
  const expected = await expectedDecision(db, {
    caseTypeId: file.case.case_type_id,
    phaseCode: file.case.phase_code,
    receivedDate: localDateOf(new Date(file.case.received_at)),
    today,
    goalDate: file.clock?.deadlineDate ?? null,
    paused: file.clock?.state === 'paused',
    decided: file.case.state === 'decided' || file.case.state === 'closed',
  });
  const profile = await applicationsRepository.applicantProfile(db, principal.userId);
  const caseType = lt(d.name, page.locale);
  const body = applyReceiptPage(page, {
    reference: file.case.reference,
    caseTypeName: caseType,
    nextStep: lt(next?.applicantText, page.locale),
    missing,
    email: profile.email,
    expected: expectedBlock(page.t, page.locale, expected, caseType),
  });
  return sendPage(reply, page, page.t('applications:receiptTitle'), body);
}
