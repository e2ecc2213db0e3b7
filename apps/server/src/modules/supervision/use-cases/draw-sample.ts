import { randomBytes } from 'node:crypto';
import {
  AUDIT_PURPOSES,
  type TDrawSample,
  type TSamplePopulation,
  type TSample,
  type TSampleList,
} from '@sagsgang/contracts';
import { AppError } from '../../../platform/errors.js';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { hasRole, type Principal } from '../../../platform/auth/principal.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { grantCaseAccess, readCasePopulation, type PopulationCase } from '../../cases/index.js';
import { supervisionRepository as repo, type ProgrammeRow, type SampleRow } from '../supervision.repository.js';
import { drawSample, nextReplacement, sampleSizeForMargin } from '../statistics/index.js';
import { loadProgramme, unitNames, unitsBelow } from './access.js';

/** How long the reviewers may open a sampled case file. */
export const REVIEW_GRANT_DAYS = 120;
const ALL = 'all';

function stratumOf(c: PopulationCase, stratifyBy: TDrawSample['stratifyBy']): string {
  if (stratifyBy === 'unit') return c.unitId;
  if (stratifyBy === 'case_type') return c.caseTypeCode;
  return ALL;
}

/** The population's cases: the units asked for (all below the programme's unit by default) and the filters. */
async function readPopulation(
  db: Executor,
  p: Principal,
  programme: ProgrammeRow,
  population: TSamplePopulation,
): Promise<PopulationCase[]> {
  const below = await unitsBelow(db, programme.unit_id);
  const unitIds = population.unitIds.length ? population.unitIds : [...below.keys()];
  const outside = unitIds.filter((u) => !below.has(u) || !hasRole(p, ['quality'], u));
  if (outside.length) {
    throw new AppError('validation', "population.unitIds: a unit outside the programme's units", [
      { path: '/population/unitIds', message: "outside the programme's units" },
    ]);
  }
  if (population.from && population.to && population.from > population.to) {
    throw new AppError('validation', 'population.to: the period ends before it starts', [
      { path: '/population/to', message: 'before from' },
    ]);
  }
  return readCasePopulation(db, {
    unitIds,
    caseTypeIds: population.caseTypeIds.length ? population.caseTypeIds : programme.case_type_ids,
    states: population.states,
    from: population.from,
    to: population.to,
    periodOf: population.periodOf,
  });
}

/**
 * Draws a sample for a programme: reads the population, keeps its snapshot and the seed, draws (simple or
 * stratified, size fixed or from the margin of error) and gives each reviewer a time-limited grant on each drawn
 * case they did not handle themselves. The same population and seed always draw the same cases.
 */
export async function drawSupervisionSample(
  db: Executor,
  p: Principal,
  programmeId: string,
  input: TDrawSample,
  o: { requestId?: string; now?: Date } = {},
): Promise<TSample> {
  const now = o.now ?? new Date();
  const { programme } = await loadProgramme(db, p, programmeId, 'manage');
  const sampleId = await inTransaction(db, async (trx) => {
    if (input.followUpOf) {
      const earlier = await repo.sample(trx, input.followUpOf);
      if (earlier?.programme_id !== programme.id)
        throw new AppError('validation', 'followUpOf: not a sample of this programme', [
          { path: '/followUpOf', message: 'not a sample of this programme' },
        ]);
    }
    const cases = await readPopulation(trx, p, programme, input.population);
    if (cases.length === 0) {
      throw new AppError('validation', 'population: no case matches', [
        { path: '/population', message: 'no case matches' },
      ]);
    }
    const size =
      input.size ??
      sampleSizeForMargin({ margin: input.margin!, populationSize: cases.length, expectedRate: input.expectedRate });
    if (size > cases.length) {
      throw new AppError(
        'validation',
        `size: a sample of ${size} cases is more than the population of ${cases.length}`,
        [{ path: '/size', message: `more than the population of ${cases.length}` }],
      );
    }
    const seed = input.seed ?? randomBytes(8).toString('hex');
    const byId = new Map(cases.map((c) => [c.caseId, c]));
    const drawn = drawSample(
      cases.map((c) => ({ id: c.caseId, stratum: stratumOf(c, input.stratifyBy) })),
      { size, seed, allocation: input.allocation },
    );
    const id = await repo.insertSample(trx, {
      programme_id: programme.id,
      label: input.label,
      population: input.population,
      design: input.design,
      stratify_by: input.stratifyBy ?? null,
      allocation: input.design === 'stratified' ? input.allocation : null,
      size,
      margin: input.margin ?? null,
      seed,
      population_size: cases.length,
      follow_up_of: input.followUpOf ?? null,
      initiative_id: input.initiativeId ?? null,
      drawn_by: p.userId,
      drawn_at: now,
    });
    await repo.insertPopulation(
      trx,
      id,
      cases.map((c) => ({ caseId: c.caseId, stratum: stratumOf(c, input.stratifyBy), unitId: c.unitId })),
    );
    const chosen = drawn.cases.map((d) => byId.get(d.id)!);
    await repo.insertSampleCases(
      trx,
      chosen.map((c) => sampleCaseRow(id, c, stratumOf(c, input.stratifyBy))),
    );
    await grantReviewers(trx, programme, chosen, {
      grantedBy: p.userId,
      now,
      requestId: o.requestId,
      label: input.label,
    });
    await recordAudit(trx, {
      actorUserId: p.userId,
      action: 'create',
      entityType: 'supervision_sample',
      entityId: id,
      purpose: AUDIT_PURPOSES.supervision,
      requestId: o.requestId ?? null,
      details: { programmeId: programme.id, size, populationSize: cases.length, seed },
    });
    return id;
  });
  return getSample(db, p, sampleId);
}

function sampleCaseRow(sampleId: string, c: PopulationCase, stratum: string) {
  return {
    sample_id: sampleId,
    case_id: c.caseId,
    reference: c.reference,
    stratum,
    unit_id: c.unitId,
    case_type_id: c.caseTypeId,
    assignee_id: c.assigneeId,
    handler_ids: c.handlerIds,
  };
}

/** Each reviewer may open each drawn case they did not handle, for a limited time; every read is audited. */
async function grantReviewers(
  db: Executor,
  programme: ProgrammeRow,
  cases: readonly PopulationCase[],
  o: { grantedBy: string; now: Date; requestId?: string; label: string },
): Promise<void> {
  const reviewers = await repo.reviewers(db, [programme.id]);
  const expiresAt = new Date(o.now.getTime() + REVIEW_GRANT_DAYS * 86_400_000);
  for (const c of cases) {
    for (const r of reviewers) {
      if (c.handlerIds.includes(r.user_id)) continue;
      await grantCaseAccess(db, {
        caseId: c.caseId,
        userId: r.user_id,
        purpose: 'supervision',
        reason: `${programme.title}: ${o.label}`.slice(0, 500),
        expiresAt,
        grantedBy: o.grantedBy,
        requestId: o.requestId,
        now: o.now,
      });
    }
  }
}

/** Replaces a sampled case (not yet reviewed) by the next case of its stratum in the drawn order, with the reason. */
export async function replaceSampleCase(
  db: Executor,
  p: Principal,
  sampleId: string,
  caseId: string,
  reason: string,
  o: { requestId?: string; now?: Date } = {},
): Promise<TSample> {
  const now = o.now ?? new Date();
  const sample = await repo.sample(db, sampleId);
  if (!sample) throw new AppError('not_found', 'No such sample.');
  const { programme } = await loadProgramme(db, p, sample.programme_id, 'manage');
  await inTransaction(db, async (trx) => {
    const sc = await repo.sampleCase(trx, sampleId, caseId);
    if (!sc || sc.replaced_at) throw new AppError('not_found', 'That case is not in the sample.');
    if (!(await repo.markReplaced(trx, sc.id, { reason, by: p.userId, at: now }))) {
      throw new AppError('conflict', 'A reviewed case cannot be replaced.', { reason: 'already_reviewed' });
    }
    const [population, taken] = await Promise.all([repo.population(trx, sampleId), repo.sampleCases(trx, [sampleId])]);
    const next = nextReplacement(
      population.map((c) => ({ id: c.case_id, stratum: c.stratum })),
      { seed: sample.seed, stratum: sc.stratum, taken: new Set(taken.map((t) => t.case_id)) },
    );
    if (!next)
      throw new AppError('conflict', 'No case is left in this stratum to replace it with.', {
        reason: 'stratum_spent',
      });
    const unitId = population.find((c) => c.case_id === next)!.unit_id;
    const [fresh] = await readCasePopulation(trx, { unitIds: [unitId], caseIds: [next] });
    if (!fresh) throw new AppError('conflict', 'The replacement case is gone.', { reason: 'stratum_spent' });
    await repo.insertSampleCases(trx, [sampleCaseRow(sampleId, fresh, sc.stratum)], sc.id);
    await grantReviewers(trx, programme, [fresh], {
      grantedBy: p.userId,
      now,
      requestId: o.requestId,
      label: sample.label,
    });
    await recordAudit(trx, {
      actorUserId: p.userId,
      action: 'update',
      entityType: 'supervision_sample',
      entityId: sampleId,
      purpose: AUDIT_PURPOSES.supervision,
      requestId: o.requestId ?? null,
      details: { replaced: caseId, by: next },
    });
  });
  return getSample(db, p, sampleId);
}

/** A sample with its strata and cases: for the quality unit, team leads and the programme's reviewers. */
export async function getSample(db: Executor, p: Principal, sampleId: string): Promise<TSample> {
  const sample = await repo.sample(db, sampleId);
  if (!sample) throw new AppError('not_found', 'No such sample.');
  await loadProgramme(db, p, sample.programme_id);
  return sampleView(db, sample);
}

async function sampleView(db: Executor, sample: SampleRow): Promise<TSample> {
  const [cases, population, names] = await Promise.all([
    repo.sampleCases(db, [sample.id]),
    repo.population(db, sample.id),
    unitNames(db),
  ]);
  const reviews = new Set(
    (
      await repo.reviews(
        db,
        cases.map((c) => c.id),
      )
    ).map((r) => r.sample_case_id),
  );
  const sizes = new Map<string, number>();
  for (const c of population) sizes.set(c.stratum, (sizes.get(c.stratum) ?? 0) + 1);
  const label = (key: string) =>
    sample.stratify_by === 'unit' ? (names.get(key) ?? key) : key === ALL ? 'Alle sager' : key;
  return {
    id: sample.id,
    programmeId: sample.programme_id,
    label: sample.label,
    design: sample.design as TSample['design'],
    stratifyBy: sample.stratify_by as TSample['stratifyBy'],
    allocation: sample.allocation as TSample['allocation'],
    size: sample.size,
    margin: sample.margin === null ? null : Number(sample.margin),
    seed: sample.seed,
    populationSize: sample.population_size,
    population: sample.population as TSamplePopulation,
    followUpOf: sample.follow_up_of,
    initiativeId: sample.initiative_id,
    drawnAt: new Date(sample.drawn_at).toISOString(),
    strata: [...sizes.keys()].sort().map((key) => ({
      key,
      label: label(key),
      populationSize: sizes.get(key)!,
      drawn: cases.filter((c) => c.stratum === key && !c.replaced_at).length,
    })),
    cases: cases.map((c) => ({
      id: c.id,
      caseId: c.case_id,
      reference: c.reference,
      stratum: c.stratum,
      unitId: c.unit_id,
      unitName: names.get(c.unit_id) ?? '',
      reviewed: reviews.has(c.id),
      replaced: c.replaced_at ? { reason: c.replaced_reason ?? '', at: new Date(c.replaced_at).toISOString() } : null,
      replacementFor: c.replacement_for,
    })),
  };
}

export async function listSamples(db: Executor, p: Principal, programmeId: string): Promise<TSampleList> {
  await loadProgramme(db, p, programmeId);
  const rows = await repo.samplesOf(db, [programmeId]);
  return {
    items: rows.map((s) => ({
      id: s.id,
      label: s.label,
      design: s.design as 'simple' | 'stratified',
      size: s.size,
      reviewed: Number(s.reviewed),
      populationSize: s.population_size,
      drawnAt: new Date(s.drawn_at).toISOString(),
      followUpOf: s.follow_up_of,
    })),
  };
}
