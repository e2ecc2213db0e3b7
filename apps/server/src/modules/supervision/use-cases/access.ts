/**
 * Who may do what in supervision. The quality unit runs programmes on its units (and those below); team leads of
 * those units read the results (and alone the per-person results); a programme's reviewers see its samples and
 * review their cases, and nothing else.
 */
import type { TUnitNode } from '@sagsgang/contracts';
import { AppError } from '../../../platform/errors.js';
import { auditDenied } from '../../../platform/audit/record-audit.js';
import { hasRole, STAFF_ROLES, type Principal } from '../../../platform/auth/principal.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { unitTree } from '../../org/index.js';
import { supervisionRepository as repo, type ProgrammeRow } from '../supervision.repository.js';

export interface ProgrammeAccess {
  manage: boolean;
  /** Reads results (analysis, reports): quality, team leads, reviewers. */
  read: boolean;
  review: boolean;
  /** Sees results per caseworker (team leads only). */
  perPerson: boolean;
}

export async function programmeAccess(db: Executor, p: Principal, programme: ProgrammeRow): Promise<ProgrammeAccess> {
  if (p.kind !== 'staff') return { manage: false, read: false, review: false, perPerson: false };
  const manage = hasRole(p, ['quality'], programme.unit_id);
  const teamlead = hasRole(p, ['teamlead'], programme.unit_id);
  const review = await repo.isReviewer(db, programme.id, p.userId);
  return { manage, read: manage || teamlead || review, review, perPerson: teamlead };
}

/** The programme and what the principal may do with it; `not_found` for one they may not even read. */
export async function loadProgramme(
  db: Executor,
  p: Principal,
  id: string,
  need: keyof ProgrammeAccess = 'read',
): Promise<{ programme: ProgrammeRow; access: ProgrammeAccess }> {
  const programme = await repo.programme(db, id);
  if (!programme) throw new AppError('not_found', 'No such supervision programme.');
  const access = await programmeAccess(db, p, programme);
  if (!access.read) {
    // Staff of the programme's units are told they lack the role; anyone else learns nothing of the programme.
    if (p.kind === 'staff' && hasRole(p, STAFF_ROLES, programme.unit_id))
      throw new AppError('forbidden', "Only the quality unit, team leads and the programme's reviewers may read it.", {
        reason: 'supervision_read',
      });
    throw new AppError(
      'not_found',
      'No such supervision programme.',
      auditDenied({ entityType: 'supervision_programme', entityId: id }),
    );
  }
  if (!access[need]) {
    const what =
      need === 'manage' ? 'the quality unit' : need === 'review' ? "the programme's reviewers" : 'team leads';
    throw new AppError('forbidden', `Only ${what} may do this.`, { reason: `supervision_${need}` });
  }
  return { programme, access };
}

/** The unit and every unit below it, with their names. */
export async function unitsBelow(db: Executor, unitId: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const visit = (n: TUnitNode, inside: boolean) => {
    const now = inside || n.id === unitId;
    if (now) out.set(n.id, n.nameDa);
    for (const c of n.children) visit(c, now);
  };
  for (const root of await unitTree(db)) visit(root, false);
  return out;
}

/** Every unit's name, by id. */
export async function unitNames(db: Executor): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const visit = (n: TUnitNode) => {
    out.set(n.id, n.nameDa);
    n.children.forEach(visit);
  };
  (await unitTree(db)).forEach(visit);
  return out;
}

/** The unit's ancestors, nearest first. */
export async function unitsAbove(db: Executor, unitId: string): Promise<string[]> {
  const parent = new Map<string, string | null>();
  const visit = (n: TUnitNode) => {
    parent.set(n.id, n.parentId);
    n.children.forEach(visit);
  };
  (await unitTree(db)).forEach(visit);
  const out: string[] = [];
  for (let p = parent.get(unitId) ?? null; p; p = parent.get(p) ?? null) out.push(p);
  return out;
}
