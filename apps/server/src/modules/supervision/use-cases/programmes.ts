import { AUDIT_PURPOSES, type TCreateProgramme, type TProgramme, type TProgrammeList } from '@sagsgang/contracts';
import { AppError } from '../../../platform/errors.js';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { hasRole, unitsWithRole, type Principal } from '../../../platform/auth/principal.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { supervisionRepository as repo, type ProgrammeRow } from '../supervision.repository.js';
import { loadProgramme, unitsAbove, unitsBelow } from './access.js';

/** The quality unit sets up a programme: focus, reason, legal basis, checklist, holistic score, reviewers. */
export async function createProgramme(
  db: Executor,
  p: Principal,
  input: TCreateProgramme,
  requestId?: string,
): Promise<TProgramme> {
  if (p.kind !== 'staff' || !hasRole(p, ['quality'], input.unitId)) {
    throw new AppError('forbidden', 'Only the quality unit of this unit may set up supervision.', {
      unitId: input.unitId,
    });
  }
  const reviewerIds = [...new Set(input.reviewerIds)];
  const id = await inTransaction(db, async (trx) => {
    if ((await repo.countStaff(trx, reviewerIds)) !== reviewerIds.length) {
      throw new AppError('validation', 'reviewerIds: every reviewer must be an active staff member.', [
        { path: '/reviewerIds', message: 'unknown or inactive staff member' },
      ]);
    }
    const programmeId = await repo.insertProgramme(trx, {
      unit_id: input.unitId,
      title: input.title,
      focus_area: input.focusArea,
      reason_kind: input.reasonKind,
      reason: input.reason,
      legal_basis: input.legalBasis,
      schedule: input.schedule,
      score_levels: input.scoreLevels,
      case_type_ids: input.caseTypeIds,
      created_by: p.userId,
    });
    await repo.insertCriteria(
      trx,
      input.criteria.map((c, i) => ({
        programme_id: programmeId,
        position: i + 1,
        code: c.code,
        text: c.text,
        guidance: c.guidance,
        allows_na: c.allowsNotApplicable,
      })),
    );
    await repo.insertReviewers(trx, programmeId, reviewerIds);
    await recordAudit(trx, {
      actorUserId: p.userId,
      action: 'create',
      entityType: 'supervision_programme',
      entityId: programmeId,
      purpose: AUDIT_PURPOSES.supervision,
      requestId: requestId ?? null,
    });
    return programmeId;
  });
  return getProgramme(db, p, id);
}

async function toViews(db: Executor, rows: ProgrammeRow[]): Promise<TProgramme[]> {
  const ids = rows.map((r) => r.id);
  const [criteria, reviewers] = await Promise.all([repo.criteria(db, ids), repo.reviewers(db, ids)]);
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    title: r.title,
    focusArea: r.focus_area,
    reasonKind: r.reason_kind as TProgramme['reasonKind'],
    reason: r.reason,
    legalBasis: r.legal_basis,
    schedule: r.schedule as TProgramme['schedule'],
    scoreLevels: r.score_levels,
    caseTypeIds: r.case_type_ids,
    criteria: criteria
      .filter((c) => c.programme_id === r.id)
      .map((c) => ({
        id: c.id,
        code: c.code,
        text: c.text,
        guidance: c.guidance,
        allowsNotApplicable: c.allows_na,
      })),
    reviewers: reviewers.filter((x) => x.programme_id === r.id).map((x) => ({ userId: x.user_id, name: x.name })),
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

export async function getProgramme(db: Executor, p: Principal, id: string): Promise<TProgramme> {
  const { programme } = await loadProgramme(db, p, id);
  return (await toViews(db, [programme]))[0]!;
}

/** The programmes the principal runs or reads (quality and team leads of their units), and those they review. */
export async function listProgrammes(db: Executor, p: Principal): Promise<TProgrammeList> {
  const units = p.kind === 'staff' ? unitsWithRole(p, ['quality', 'teamlead']) : [];
  const rows = await repo.programmesFor(db, units, p.userId);
  const [views, counts] = await Promise.all([
    toViews(db, rows),
    repo.sampleCounts(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  return { items: views.map((v) => ({ ...v, samples: counts.get(v.id) ?? 0 })) };
}

/** The staff of a unit and the units below it and above it, to choose reviewers and initiative owners among. */
export async function supervisionPeople(
  db: Executor,
  p: Principal,
  unitId: string,
): Promise<{ items: { id: string; name: string }[] }> {
  if (p.kind !== 'staff' || !hasRole(p, ['quality', 'teamlead'], unitId))
    throw new AppError('forbidden', 'Only the quality unit and team leads of this unit may list its people.', {
      unitId,
    });
  const units = [...(await unitsBelow(db, unitId)).keys(), ...(await unitsAbove(db, unitId))];
  return { items: await repo.staffOfUnits(db, units) };
}
