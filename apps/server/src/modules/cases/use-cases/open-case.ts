import type { TOpenCaseRequest } from '@sagsgang/contracts';
import { AppError } from '../../../platform/errors.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { localDateOf } from '@sagsgang/clock';
import { getCurrentCaseTypeVersion } from '../../case-types/index.js';
import { casesRepository as repo, type CaseRow } from '../cases.repository.js';
import { actorId, assertCaseAccess, refreshClock, type CaseContext } from '../case-command.js';
import { announceCaseEvent } from '../case-event-listeners.js';

const OPENING_ROLES = ['caseworker', 'teamlead', 'frontline'] as const;
/** A paper application found in a drawer is registered late; one dated years back is a typo or an abuse. */
const DEFAULT_BACKDATE_DAYS = 365;

/** Registers a received application under the case type's current version: the case's first event. */
export function openCase(ctx: CaseContext, input: TOpenCaseRequest): Promise<CaseRow> {
  const now = ctx.now ?? new Date();
  return inTransaction(ctx.db, async (trx) => {
    const type = await getCurrentCaseTypeVersion(trx, input.caseTypeCode);
    if (!type.active)
      throw new AppError('validation', `caseTypeCode: the case type "${input.caseTypeCode}" is no longer in use`);
    const unitId = input.unitId ?? type.unitId;
    assertCaseAccess(ctx.actor, unitId, OPENING_ROLES);
    const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
    if (receivedAt.getTime() > now.getTime() + 60_000) {
      throw new AppError('validation', 'receivedAt: cannot be in the future', [
        { path: 'receivedAt', message: 'in the future' },
      ]);
    }
    const backdateDays = ctx.receiptBackdateDays ?? DEFAULT_BACKDATE_DAYS;
    if (receivedAt.getTime() < now.getTime() - backdateDays * 86_400_000) {
      throw new AppError('validation', `receivedAt: more than ${backdateDays} days ago`, [
        { path: 'receivedAt', message: `more than ${backdateDays} days ago`, params: { maxDays: backdateDays } },
      ]);
    }
    if (input.applicant.userId && !(await repo.isActiveApplicant(trx, input.applicant.userId))) {
      throw new AppError('validation', 'applicant.userId: not an active applicant account', [
        { path: 'applicant.userId', message: 'not an active applicant account' },
      ]);
    }
    if (input.assigneeId && !(await repo.canHandleUnit(trx, input.assigneeId, unitId))) {
      throw new AppError('validation', 'assigneeId: this person does not handle cases of the unit', [
        { path: 'assigneeId', message: 'not in the unit' },
      ]);
    }
    const firstPhase = type.definition.phases[0]?.code ?? null;
    const c = await repo.insertCase(trx, {
      reference: await repo.nextReference(trx, Number(localDateOf(receivedAt).slice(0, 4))),
      case_type_id: type.caseTypeId,
      case_type_version_id: type.versionId,
      unit_id: unitId,
      assignee_id: input.assigneeId ?? null,
      applicant_id: input.applicant.userId ?? null,
      applicant_name: input.applicant.name,
      subject: input.subject ?? null,
      channel: input.channel,
      state: 'received',
      phase_code: firstPhase,
      outcome: null,
      received_at: receivedAt,
    });
    const event = {
      activity: 'received',
      occurredAt: receivedAt,
      attributes: { channel: input.channel, caseType: type.code, caseTypeVersion: type.version, phase: firstPhase },
    };
    await repo.appendEvent(trx, { ...event, caseId: c.id, actorId: actorId(ctx.actor), unitId });
    await refreshClock(trx, c, [event], type.definition, now);
    await announceCaseEvent(ctx.listeners, { trx, case: c, definition: type.definition, ...event, now });
    return c;
  });
}
