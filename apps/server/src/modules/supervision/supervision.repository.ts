import { sql } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';
import './supervision.tables.js';

/** Rows per insert statement for bulk writes (PostgreSQL allows 65535 parameters). */
const CHUNK = 2000;

export interface ProgrammeRow {
  id: string;
  unit_id: string;
  title: string;
  focus_area: string;
  reason_kind: string;
  reason: string;
  legal_basis: string;
  schedule: string;
  score_levels: string[];
  case_type_ids: string[];
  created_at: Date;
}

export interface CriterionRow {
  id: string;
  programme_id: string;
  position: number;
  code: string;
  text: string;
  guidance: string;
  allows_na: boolean;
}

export interface SampleRow {
  id: string;
  programme_id: string;
  label: string;
  population: Record<string, unknown>;
  design: string;
  stratify_by: string | null;
  allocation: string | null;
  size: number;
  margin: number | null;
  seed: string;
  population_size: number;
  follow_up_of: string | null;
  initiative_id: string | null;
  drawn_at: Date;
}

export interface SampleCaseRow {
  id: string;
  sample_id: string;
  case_id: string;
  reference: string;
  stratum: string;
  unit_id: string;
  case_type_id: string;
  assignee_id: string | null;
  handler_ids: string[];
  replaced_at: Date | null;
  replaced_reason: string | null;
  replacement_for: string | null;
}

export interface ReviewRow {
  sample_case_id: string;
  reviewer_id: string;
  reviewer_name: string;
  holistic_score: number;
  follow_up: boolean;
  follow_up_note: string;
  reviewed_at: Date;
}

export interface AnswerRow {
  sample_case_id: string;
  criterion_id: string;
  answer: string;
  comment: string;
}

export interface InitiativeRow {
  id: string;
  programme_id: string | null;
  audit_remark_id: string | null;
  criterion_id: string | null;
  sample_id: string | null;
  kind: string;
  title: string;
  owner_id: string;
  owner_name: string;
  due_date: string;
  status: string;
  completed_on: string | null;
}

export interface AuditRemarkRow {
  id: string;
  unit_id: string;
  year: number;
  report: string;
  remark: string;
  created_at: Date;
}

const programmeColumns = [
  'id',
  'unit_id',
  'title',
  'focus_area',
  'reason_kind',
  'reason',
  'legal_basis',
  'schedule',
  'score_levels',
  sql<string[]>`case_type_ids::text[]`.as('case_type_ids'),
  'created_at',
] as const;

const sampleCaseColumns = [
  'id',
  'sample_id',
  'case_id',
  'reference',
  'stratum',
  'unit_id',
  'case_type_id',
  'assignee_id',
  sql<string[]>`handler_ids::text[]`.as('handler_ids'),
  'replaced_at',
  'replaced_reason',
  'replacement_for',
] as const;

export const supervisionRepository = {
  async insertProgramme(
    db: Executor,
    p: Omit<ProgrammeRow, 'id' | 'created_at'> & { created_by: string | null },
  ): Promise<string> {
    const r = await db
      .insertInto('supervision_programme')
      .values({ ...p, score_levels: JSON.stringify(p.score_levels) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  },

  async insertCriteria(db: Executor, rows: Omit<CriterionRow, 'id'>[]): Promise<void> {
    if (rows.length) await db.insertInto('supervision_criterion').values(rows).execute();
  },

  async insertReviewers(db: Executor, programmeId: string, userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0) return;
    await db
      .insertInto('supervision_reviewer')
      .values(userIds.map((user_id) => ({ programme_id: programmeId, user_id })))
      .execute();
  },

  /** How many of the ids are active staff users. */
  async countStaff(db: Executor, userIds: readonly string[]): Promise<number> {
    if (userIds.length === 0) return 0;
    const r = await db
      .selectFrom('app_user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id', 'in', [...userIds])
      .where('kind', '=', 'staff')
      .where('active', '=', true)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },

  async programme(db: Executor, id: string): Promise<ProgrammeRow | undefined> {
    return db.selectFrom('supervision_programme').select(programmeColumns).where('id', '=', id).executeTakeFirst();
  },

  /** Programmes of the units, and those the user reviews. */
  async programmesFor(db: Executor, unitIds: readonly string[], reviewerId: string): Promise<ProgrammeRow[]> {
    return db
      .selectFrom('supervision_programme')
      .select(programmeColumns)
      .where((eb) =>
        eb.or([
          ...(unitIds.length ? [eb('unit_id', 'in', [...unitIds])] : []),
          eb(
            'id',
            'in',
            eb.selectFrom('supervision_reviewer').select('programme_id').where('user_id', '=', reviewerId),
          ),
        ]),
      )
      .orderBy('created_at', 'desc')
      .execute();
  },

  async programmesOfUnits(db: Executor, unitIds: readonly string[]): Promise<ProgrammeRow[]> {
    if (unitIds.length === 0) return [];
    return db
      .selectFrom('supervision_programme')
      .select(programmeColumns)
      .where('unit_id', 'in', [...unitIds])
      .orderBy('title')
      .execute();
  },

  async criteria(db: Executor, programmeIds: readonly string[]): Promise<CriterionRow[]> {
    if (programmeIds.length === 0) return [];
    return db
      .selectFrom('supervision_criterion')
      .selectAll()
      .where('programme_id', 'in', [...programmeIds])
      .orderBy('programme_id')
      .orderBy('position')
      .execute();
  },

  async reviewers(
    db: Executor,
    programmeIds: readonly string[],
  ): Promise<{ programme_id: string; user_id: string; name: string }[]> {
    if (programmeIds.length === 0) return [];
    return db
      .selectFrom('supervision_reviewer as r')
      .innerJoin('app_user as u', 'u.id', 'r.user_id')
      .select(['r.programme_id', 'r.user_id', 'u.display_name as name'])
      .where('r.programme_id', 'in', [...programmeIds])
      .orderBy('u.display_name')
      .execute();
  },

  async isReviewer(db: Executor, programmeId: string, userId: string): Promise<boolean> {
    const r = await db
      .selectFrom('supervision_reviewer')
      .select('user_id')
      .where('programme_id', '=', programmeId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return r !== undefined;
  },

  async sampleCounts(db: Executor, programmeIds: readonly string[]): Promise<Map<string, number>> {
    if (programmeIds.length === 0) return new Map();
    const rows = await db
      .selectFrom('supervision_sample')
      .select(['programme_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('programme_id', 'in', [...programmeIds])
      .groupBy('programme_id')
      .execute();
    return new Map(rows.map((r) => [r.programme_id, Number(r.n)]));
  },

  async insertSample(
    db: Executor,
    s: Omit<SampleRow, 'id' | 'drawn_at'> & { drawn_by: string | null; drawn_at?: Date },
  ): Promise<string> {
    const r = await db
      .insertInto('supervision_sample')
      .values({ ...s, population: JSON.stringify(s.population) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  },

  /** Bulk samples with their ids (generated or imported history). */
  async insertSamples(
    db: Executor,
    rows: readonly (Omit<SampleRow, 'drawn_at'> & { drawn_by: string | null; drawn_at: Date })[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await db
      .insertInto('supervision_sample')
      .values(rows.map((s) => ({ ...s, population: JSON.stringify(s.population) })))
      .execute();
  },

  async setSampleInitiative(db: Executor, sampleId: string, initiativeId: string): Promise<void> {
    await db
      .updateTable('supervision_sample')
      .set({ initiative_id: initiativeId })
      .where('id', '=', sampleId)
      .execute();
  },

  /** Bulk population snapshots of many samples. */
  async insertPopulations(
    db: Executor,
    rows: readonly { sample_id: string; case_id: string; stratum: string; unit_id: string }[],
  ): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK)
      await db
        .insertInto('supervision_population_case')
        .values(rows.slice(i, i + CHUNK))
        .execute();
  },

  /** Bulk sampled cases with their ids. */
  async insertSampleCaseRows(
    db: Executor,
    rows: readonly Omit<SampleCaseRow, 'replaced_at' | 'replaced_reason' | 'replacement_for'>[],
  ): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK)
      await db
        .insertInto('supervision_sample_case')
        .values(rows.slice(i, i + CHUNK))
        .execute();
  },

  async insertPopulation(
    db: Executor,
    sampleId: string,
    rows: readonly { caseId: string; stratum: string; unitId: string }[],
  ): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      await db
        .insertInto('supervision_population_case')
        .values(
          rows
            .slice(i, i + CHUNK)
            .map((r) => ({ sample_id: sampleId, case_id: r.caseId, stratum: r.stratum, unit_id: r.unitId })),
        )
        .execute();
    }
  },

  async insertSampleCases(
    db: Executor,
    rows: readonly Omit<SampleCaseRow, 'id' | 'replaced_at' | 'replaced_reason' | 'replacement_for'>[],
    replacementFor: string | null = null,
  ): Promise<{ id: string; case_id: string }[]> {
    if (rows.length === 0) return [];
    return db
      .insertInto('supervision_sample_case')
      .values(rows.map((x) => ({ ...x, replacement_for: replacementFor })))
      .returning(['id', 'case_id'])
      .execute();
  },

  /** Bulk reviews (generated or imported history). */
  async insertReviews(
    db: Executor,
    rows: readonly (Omit<ReviewRow, 'reviewer_name' | 'reviewed_at'> & { reviewed_at: Date })[],
  ): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK)
      await db
        .insertInto('supervision_review')
        .values(rows.slice(i, i + CHUNK))
        .execute();
  },

  async sample(db: Executor, id: string): Promise<SampleRow | undefined> {
    return db.selectFrom('supervision_sample').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async samplesOf(db: Executor, programmeIds: readonly string[]): Promise<(SampleRow & { reviewed: number })[]> {
    if (programmeIds.length === 0) return [];
    return db
      .selectFrom('supervision_sample as s')
      .selectAll('s')
      .select((eb) =>
        eb
          .selectFrom('supervision_review as r')
          .innerJoin('supervision_sample_case as c', 'c.id', 'r.sample_case_id')
          .whereRef('c.sample_id', '=', 's.id')
          .select(eb.fn.countAll<number>().as('n'))
          .as('reviewed'),
      )
      .where('s.programme_id', 'in', [...programmeIds])
      .orderBy('s.drawn_at', 'desc')
      .execute() as Promise<(SampleRow & { reviewed: number })[]>;
  },

  /** The sample of the programme drawn last before this one. */
  async previousSample(db: Executor, s: SampleRow): Promise<SampleRow | undefined> {
    return db
      .selectFrom('supervision_sample')
      .selectAll()
      .where('programme_id', '=', s.programme_id)
      .where('id', '<>', s.id)
      .where('drawn_at', '<', s.drawn_at)
      .orderBy('drawn_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  },

  async population(db: Executor, sampleId: string): Promise<{ case_id: string; stratum: string; unit_id: string }[]> {
    return db
      .selectFrom('supervision_population_case')
      .select(['case_id', 'stratum', 'unit_id'])
      .where('sample_id', '=', sampleId)
      .execute();
  },

  async sampleCases(db: Executor, sampleIds: readonly string[]): Promise<SampleCaseRow[]> {
    if (sampleIds.length === 0) return [];
    return db
      .selectFrom('supervision_sample_case')
      .select(sampleCaseColumns)
      .where('sample_id', 'in', [...sampleIds])
      .orderBy('stratum')
      .orderBy('reference')
      .execute();
  },

  async sampleCase(db: Executor, sampleId: string, caseId: string): Promise<SampleCaseRow | undefined> {
    return db
      .selectFrom('supervision_sample_case')
      .select(sampleCaseColumns)
      .where('sample_id', '=', sampleId)
      .where('case_id', '=', caseId)
      .executeTakeFirst();
  },

  /** Marks a sampled case replaced; false when it already was (or has been reviewed). */
  async markReplaced(db: Executor, id: string, o: { reason: string; by: string; at: Date }): Promise<boolean> {
    const r = await db
      .updateTable('supervision_sample_case')
      .set({ replaced_at: o.at, replaced_reason: o.reason, replaced_by: o.by })
      .where('id', '=', id)
      .where('replaced_at', 'is', null)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('supervision_review').select('sample_case_id').where('sample_case_id', '=', id))),
      )
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** False when the case was reviewed already. */
  async insertReview(
    db: Executor,
    r: Omit<ReviewRow, 'reviewer_name' | 'reviewed_at'> & { reviewed_at?: Date },
  ): Promise<boolean> {
    const row = await db
      .insertInto('supervision_review')
      .values(r)
      .onConflict((oc) => oc.column('sample_case_id').doNothing())
      .returning('sample_case_id')
      .executeTakeFirst();
    return row !== undefined;
  },

  async insertAnswers(db: Executor, rows: readonly AnswerRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK)
      await db
        .insertInto('supervision_answer')
        .values(rows.slice(i, i + CHUNK))
        .execute();
  },

  async reviews(db: Executor, sampleCaseIds: readonly string[]): Promise<ReviewRow[]> {
    if (sampleCaseIds.length === 0) return [];
    return db
      .selectFrom('supervision_review as r')
      .innerJoin('app_user as u', 'u.id', 'r.reviewer_id')
      .selectAll('r')
      .select('u.display_name as reviewer_name')
      .where('r.sample_case_id', 'in', [...sampleCaseIds])
      .execute();
  },

  async answers(db: Executor, sampleCaseIds: readonly string[]): Promise<AnswerRow[]> {
    if (sampleCaseIds.length === 0) return [];
    return db
      .selectFrom('supervision_answer')
      .selectAll()
      .where('sample_case_id', 'in', [...sampleCaseIds])
      .execute();
  },

  /** Active staff holding a role on one of the units (reviewers and owners are chosen among them). */
  async staffOfUnits(db: Executor, unitIds: readonly string[]): Promise<{ id: string; name: string }[]> {
    if (unitIds.length === 0) return [];
    return db
      .selectFrom('app_user as u')
      .select(['u.id', 'u.display_name as name'])
      .where('u.kind', '=', 'staff')
      .where('u.active', '=', true)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('role_grant as g')
            .select('g.user_id')
            .whereRef('g.user_id', '=', 'u.id')
            .where('g.unit_id', 'in', [...unitIds]),
        ),
      )
      .orderBy('u.display_name')
      .execute();
  },

  async userNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .selectFrom('app_user')
      .select(['id', 'display_name'])
      .where('id', 'in', [...ids])
      .execute();
    return new Map(rows.map((r) => [r.id, r.display_name]));
  },

  async insertInitiative(
    db: Executor,
    i: Omit<InitiativeRow, 'id' | 'owner_name' | 'status' | 'completed_on'> & {
      created_by: string | null;
      status?: string;
      completed_on?: string | null;
    },
  ): Promise<string> {
    const r = await db.insertInto('supervision_initiative').values(i).returning('id').executeTakeFirstOrThrow();
    return r.id;
  },

  async updateInitiative(
    db: Executor,
    id: string,
    u: { status: string; completed_on: string | null },
  ): Promise<boolean> {
    const r = await db.updateTable('supervision_initiative').set(u).where('id', '=', id).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  async initiatives(
    db: Executor,
    f: { ids?: readonly string[]; programmeIds?: readonly string[]; auditRemarkIds?: readonly string[] },
  ): Promise<InitiativeRow[]> {
    const ids = f.ids ?? [];
    const programmeIds = f.programmeIds ?? [];
    const remarkIds = f.auditRemarkIds ?? [];
    if (ids.length + programmeIds.length + remarkIds.length === 0) return [];
    return db
      .selectFrom('supervision_initiative as i')
      .innerJoin('app_user as u', 'u.id', 'i.owner_id')
      .select([
        'i.id',
        'i.programme_id',
        'i.audit_remark_id',
        'i.criterion_id',
        'i.sample_id',
        'i.kind',
        'i.title',
        'i.owner_id',
        'u.display_name as owner_name',
        sql<string>`i.due_date::text`.as('due_date'),
        'i.status',
        sql<string | null>`i.completed_on::text`.as('completed_on'),
      ])
      .where((eb) =>
        eb.or([
          ...(ids.length ? [eb('i.id', 'in', [...ids])] : []),
          ...(programmeIds.length ? [eb('i.programme_id', 'in', [...programmeIds])] : []),
          ...(remarkIds.length ? [eb('i.audit_remark_id', 'in', [...remarkIds])] : []),
        ]),
      )
      .orderBy('i.due_date')
      .orderBy('i.title')
      .execute();
  },

  async initiativeUnit(db: Executor, id: string): Promise<string | undefined> {
    const r = await db
      .selectFrom('supervision_initiative as i')
      .leftJoin('supervision_programme as p', 'p.id', 'i.programme_id')
      .leftJoin('supervision_audit_remark as a', 'a.id', 'i.audit_remark_id')
      .select(sql<string>`coalesce(p.unit_id, a.unit_id)`.as('unit_id'))
      .where('i.id', '=', id)
      .executeTakeFirst();
    return r?.unit_id;
  },

  async insertAuditRemark(
    db: Executor,
    r: Omit<AuditRemarkRow, 'id' | 'created_at'> & { created_by: string | null },
  ): Promise<string> {
    const row = await db.insertInto('supervision_audit_remark').values(r).returning('id').executeTakeFirstOrThrow();
    return row.id;
  },

  async auditRemark(db: Executor, id: string): Promise<AuditRemarkRow | undefined> {
    return db.selectFrom('supervision_audit_remark').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async auditRemarks(db: Executor, unitIds: readonly string[], year?: number): Promise<AuditRemarkRow[]> {
    if (unitIds.length === 0) return [];
    let q = db
      .selectFrom('supervision_audit_remark')
      .selectAll()
      .where('unit_id', 'in', [...unitIds]);
    if (year !== undefined) q = q.where('year', '=', year);
    return q.orderBy('year', 'desc').orderBy('report').orderBy('created_at').execute();
  },

  /** For the indicator: reviewed cases of the units in the period, and how many had any criterion not met. */
  async errorShare(
    db: Executor,
    f: { unitIds: readonly string[]; from: string; to: string; caseTypeId?: string },
  ): Promise<{ reviewed: number; withError: number }> {
    if (f.unitIds.length === 0) return { reviewed: 0, withError: 0 };
    const r = await sql<{ reviewed: number; with_error: number }>`
    SELECT count(*)::int AS reviewed,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM supervision_answer a
        WHERE a.sample_case_id = r.sample_case_id AND a.answer = 'not_met'))::int AS with_error
    FROM supervision_review r
    JOIN supervision_sample_case c ON c.id = r.sample_case_id
    WHERE c.unit_id = ANY(${[...f.unitIds]}::uuid[])
      AND (r.reviewed_at AT TIME ZONE 'Europe/Copenhagen')::date BETWEEN ${f.from}::date AND ${f.to}::date
      ${f.caseTypeId ? sql`AND c.case_type_id = ${f.caseTypeId}` : sql``}`.execute(db);
    const row = r.rows[0];
    return { reviewed: Number(row?.reviewed ?? 0), withError: Number(row?.with_error ?? 0) };
  },
};
