/**
 * Writes supervision history made elsewhere (the demo generator, a migration from an earlier tool) in bulk: the
 * programmes, their samples with the population snapshots and seeds they were drawn with, the reviews, the
 * initiatives and the auditor's remarks. Not a use case a person calls: no access check, no reviewer grants (the
 * history's grants would long have run out). The caller owns the transaction.
 */
import { randomUUID } from 'node:crypto';
import type { TCreateProgramme } from '@sagsgang/contracts';
import type { Executor } from '../../../platform/db/transaction.js';
import { supervisionRepository as repo } from '../supervision.repository.js';

export interface ImportedSampleCase {
  caseId: string;
  reference: string;
  stratum: string;
  unitId: string;
  caseTypeId: string;
  assigneeId: string | null;
  handlerIds: string[];
  review: {
    reviewerId: string;
    reviewedAt: Date;
    holisticScore: number;
    followUp: boolean;
    /** By criterion code. */
    answers: Record<string, 'met' | 'not_met' | 'not_applicable'>;
  } | null;
}

export interface ImportedSample {
  label: string;
  drawnAt: Date;
  seed: string;
  population: Record<string, unknown>;
  stratifyBy: 'unit' | 'case_type' | null;
  allocation: 'proportional' | 'equal' | null;
  populationCases: { caseId: string; stratum: string; unitId: string }[];
  cases: ImportedSampleCase[];
  /** The label of the earlier sample of the programme this one follows up, and the initiative it measures. */
  followUpOf?: string;
  initiativeTitle?: string;
}

export interface ImportedInitiative {
  kind: 'training' | 'workflow' | 'checklist_item' | 'other';
  title: string;
  ownerId: string;
  dueDate: string;
  status: 'planned' | 'in_progress' | 'done' | 'dropped';
  completedOn: string | null;
  criterionCode?: string;
  sampleLabel?: string;
}

export interface ImportedProgramme {
  programme: Omit<TCreateProgramme, 'criteria'> & { criteria: Required<TCreateProgramme['criteria'][number]>[] };
  createdBy: string | null;
  initiatives: ImportedInitiative[];
  samples: ImportedSample[];
}

export interface ImportedAuditRemark {
  unitId: string;
  year: number;
  report: string;
  remark: string;
  createdBy: string | null;
  actionPlan: ImportedInitiative[];
}

export async function importSupervisionHistory(
  db: Executor,
  input: { programmes: ImportedProgramme[]; auditRemarks: ImportedAuditRemark[] },
): Promise<{ samples: number; reviews: number }> {
  let samples = 0;
  let reviews = 0;
  for (const imp of input.programmes) {
    const p = imp.programme;
    const programmeId = await repo.insertProgramme(db, {
      unit_id: p.unitId,
      title: p.title,
      focus_area: p.focusArea,
      reason_kind: p.reasonKind,
      reason: p.reason,
      legal_basis: p.legalBasis,
      schedule: p.schedule,
      score_levels: p.scoreLevels,
      case_type_ids: p.caseTypeIds,
      created_by: imp.createdBy,
    });
    await repo.insertCriteria(
      db,
      p.criteria.map((c, i) => ({
        programme_id: programmeId,
        position: i + 1,
        code: c.code,
        text: c.text,
        guidance: c.guidance,
        allows_na: c.allowsNotApplicable,
      })),
    );
    await repo.insertReviewers(db, programmeId, p.reviewerIds);
    const criterionId = new Map((await repo.criteria(db, [programmeId])).map((c) => [c.code, c.id]));
    const sampleIds = new Map<string, string>();
    const ordered = [...imp.samples].sort((a, b) => a.drawnAt.getTime() - b.drawnAt.getTime());
    for (const s of ordered) sampleIds.set(s.label, randomUUID());
    await repo.insertSamples(
      db,
      ordered.map((s) => ({
        id: sampleIds.get(s.label)!,
        programme_id: programmeId,
        label: s.label,
        population: s.population,
        design: s.stratifyBy ? 'stratified' : 'simple',
        stratify_by: s.stratifyBy,
        allocation: s.allocation,
        size: s.cases.length,
        margin: null,
        seed: s.seed,
        population_size: s.populationCases.length,
        follow_up_of: s.followUpOf ? (sampleIds.get(s.followUpOf) ?? null) : null,
        initiative_id: null,
        drawn_by: imp.createdBy,
        drawn_at: s.drawnAt,
      })),
    );
    samples += ordered.length;
    await repo.insertPopulations(
      db,
      ordered.flatMap((s) =>
        s.populationCases.map((c) => ({
          sample_id: sampleIds.get(s.label)!,
          case_id: c.caseId,
          stratum: c.stratum,
          unit_id: c.unitId,
        })),
      ),
    );
    const cases = ordered.flatMap((s) =>
      s.cases.map((c) => ({ c, sampleId: sampleIds.get(s.label)!, id: randomUUID() })),
    );
    await repo.insertSampleCaseRows(
      db,
      cases.map(({ c, sampleId, id }) => ({
        id,
        sample_id: sampleId,
        case_id: c.caseId,
        reference: c.reference,
        stratum: c.stratum,
        unit_id: c.unitId,
        case_type_id: c.caseTypeId,
        assignee_id: c.assigneeId,
        handler_ids: c.handlerIds,
      })),
    );
    const reviewed = cases.filter((x) => x.c.review);
    await repo.insertReviews(
      db,
      reviewed.map(({ c, id }) => ({
        sample_case_id: id,
        reviewer_id: c.review!.reviewerId,
        holistic_score: c.review!.holisticScore,
        follow_up: c.review!.followUp,
        follow_up_note: '',
        reviewed_at: c.review!.reviewedAt,
      })),
    );
    await repo.insertAnswers(
      db,
      reviewed.flatMap(({ c, id }) =>
        Object.entries(c.review!.answers).map(([code, answer]) => ({
          sample_case_id: id,
          criterion_id: criterionId.get(code)!,
          answer,
          comment: '',
        })),
      ),
    );
    reviews += reviewed.length;
    for (const i of imp.initiatives) {
      const initiativeId = await insertInitiative(db, i, { programmeId, criterionId, sampleIds, by: imp.createdBy });
      for (const s of ordered.filter((x) => x.initiativeTitle === i.title))
        await repo.setSampleInitiative(db, sampleIds.get(s.label)!, initiativeId);
    }
  }
  for (const r of input.auditRemarks) {
    const remarkId = await repo.insertAuditRemark(db, {
      unit_id: r.unitId,
      year: r.year,
      report: r.report,
      remark: r.remark,
      created_by: r.createdBy,
    });
    for (const i of r.actionPlan)
      await repo.insertInitiative(db, {
        programme_id: null,
        audit_remark_id: remarkId,
        criterion_id: null,
        sample_id: null,
        kind: i.kind,
        title: i.title,
        owner_id: i.ownerId,
        due_date: i.dueDate,
        status: i.status,
        completed_on: i.completedOn,
        created_by: r.createdBy,
      });
  }
  return { samples, reviews };
}

function insertInitiative(
  db: Executor,
  i: ImportedInitiative,
  o: { programmeId: string; criterionId: Map<string, string>; sampleIds: Map<string, string>; by: string | null },
): Promise<string> {
  return repo.insertInitiative(db, {
    programme_id: o.programmeId,
    audit_remark_id: null,
    criterion_id: i.criterionCode ? (o.criterionId.get(i.criterionCode) ?? null) : null,
    sample_id: i.sampleLabel ? (o.sampleIds.get(i.sampleLabel) ?? null) : null,
    kind: i.kind,
    title: i.title,
    owner_id: i.ownerId,
    due_date: i.dueDate,
    status: i.status,
    completed_on: i.completedOn,
    created_by: o.by,
  });
}
