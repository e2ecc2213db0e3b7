import { localDateOf } from '@sagsgang/clock';
import type { TCaseTypeDefinition } from '@sagsgang/contracts';
import type { Principal } from '../../../platform/auth/principal.js';
import { AppError } from '../../../platform/errors.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import {
  addApplicationDocuments,
  expectedDecision,
  getApplicantCaseFile,
  openCase,
  recordAutomaticScreening,
  type CaseEventListener,
} from '../../cases/index.js';
import { queueNotification } from '../../notifications/index.js';
import { requirementCodeOf, screeningRequirements } from '../application-form.js';
import { applicationsRepository as repo } from '../applications.repository.js';
import { screenApplication } from '../screening/screening-rules.js';
import type { ScreeningResult } from '../screening/screening-types.js';
import { loadOwnApplication } from './load-own-application.js';

export interface SubmitResult {
  caseId: string;
  reference: string;
  /** True when this was a repeat (second click, retried request): the case the first submission made. */
  repeated: boolean;
}

/** The missing items in the caseworker's words (Danish), one per requirement. */
export function missingItems(
  definition: TCaseTypeDefinition,
  screening: ScreeningResult,
): { requirementCode: string; text: string }[] {
  return screening.missingKeys.map((key) => {
    const code = requirementCodeOf(key);
    const r = definition.requirements.find((x) => x.code === code);
    const label = r?.label.da ?? code;
    return {
      requirementCode: code,
      text: key.startsWith('applies:') ? `${label} (om det gælder: ${r?.condition?.da ?? ''})` : label,
    };
  });
}

/**
 * Sends an application: opens the case, moves the documents to it (and into its case file), runs the automatic screening and records it,
 * and queues the receipt e-mail — all in one transaction. The draft row is locked first, so of two submissions
 * of one application (two clicks, a retried request) the second finds the case the first made.
 */
export async function submitApplication(
  db: Executor,
  principal: Principal,
  input: {
    applicationId: string;
    idempotencyKey: string;
    now?: Date;
    /** Told of the case's events, as every case command tells them (`caseEventListeners(ctx)`). */
    listeners?: readonly CaseEventListener[];
  },
): Promise<SubmitResult> {
  const now = input.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const own = await loadOwnApplication(trx, principal, input.applicationId, true);
    const app = own.application;
    if (input.idempotencyKey !== app.idempotencyKey) {
      throw new AppError(
        'validation',
        'idempotencyKey: the form does not belong to this application. Reload the page and try again.',
        [{ path: 'idempotencyKey', message: 'does not match' }],
      );
    }
    if (app.status === 'submitted' && app.caseId && app.caseReference) {
      return { caseId: app.caseId, reference: app.caseReference, repeated: true };
    }
    const profile = await repo.applicantProfile(trx, principal.userId);
    const actor = { system: true as const, userId: principal.userId };
    const c = await openCase(
      { db: trx, actor, now, listeners: input.listeners },
      {
        caseTypeCode: own.caseTypeCode,
        channel: 'digital',
        receivedAt: now.toISOString(),
        applicant: { userId: principal.userId, name: profile.organisationName ?? profile.displayName },
        ...(profile.organisationName ? { subject: `Kontaktperson: ${profile.displayName}` } : {}),
      },
    );
    await repo.attachDocumentsToCase(trx, app.id, c.id);
    await repo.markSubmitted(trx, app.id, c, now);
    const file = await getApplicantCaseFile(trx, principal, c.reference, now);
    const sent = await repo.documentsOfCase(trx, c.id);
    await addApplicationDocuments(
      trx,
      c.id,
      sent.map((d) => ({
        title: file.definition.requirements.find((r) => r.code === d.requirement_code)?.label.da ?? d.file_name,
        fileName: d.file_name,
        mediaType: d.media_type,
        sizeBytes: d.size_bytes,
        sha256: d.sha256,
        uploadedBy: d.uploaded_by,
        uploadedAt: d.uploaded_at,
        requirementCode: d.requirement_code,
      })),
    );
    const documents = sent.map((d) => ({
      requirementKey: d.requirement_code ?? '',
      detectedType: d.media_type,
      sizeBytes: d.size_bytes,
      fileName: d.file_name,
    }));
    const screening = screenApplication({
      requirements: screeningRequirements(file.definition),
      answers: app.answers,
      documents,
      today: localDateOf(now),
    });
    const missing = missingItems(file.definition, screening);
    await recordAutomaticScreening({ db: trx, actor, now, listeners: input.listeners }, c.id, {
      expectedVersion: c.version,
      fullyInformed: screening.fullyInformed,
      missing,
      findings: screening.findings,
    });
    await queueReceipt(trx, { principal, file, missingCodes: missing.map((m) => m.requirementCode), now });
    return { caseId: c.id, reference: c.reference, repeated: false };
  });
}

async function queueReceipt(
  trx: Executor,
  o: {
    principal: Principal;
    file: Awaited<ReturnType<typeof getApplicantCaseFile>>;
    missingCodes: string[];
    now: Date;
  },
) {
  const d = o.file.definition;
  const today = localDateOf(o.now);
  const expected = await expectedDecision(trx, {
    caseTypeId: o.file.case.caseTypeId,
    phaseCode: o.file.case.phaseCode,
    receivedDate: today,
    today,
    goalDate: o.file.clock?.deadlineDate ?? null,
    paused: false,
    decided: false,
  });
  const next =
    d.phases.find(
      (p) =>
        p.code !== o.file.case.phaseCode &&
        p.order > (d.phases.find((x) => x.code === o.file.case.phaseCode)?.order ?? 0),
    ) ?? d.phases[0];
  const labels = o.missingCodes
    .map((code) => d.requirements.find((r) => r.code === code)?.label)
    .filter((l) => l !== undefined);
  await queueNotification(trx, {
    caseId: o.file.case.id,
    recipientUserId: o.principal.userId,
    kind: 'receipt',
    values: {
      caseType: d.name,
      receivedDate: today,
      nextStep: next?.applicantText,
      ...(labels.length > 0 ? { missing: labels } : { complete: 'yes' }),
      ...(expected.goalDate ? { goalDate: expected.goalDate } : {}),
      ...(expected.forecast?.medianDate && expected.forecast.upperDate
        ? { likelyDate: expected.forecast.medianDate, lateDate: expected.forecast.upperDate }
        : {}),
    },
  });
}
