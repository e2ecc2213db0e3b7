import crypto from 'node:crypto';
import type { Executor } from '../../src/platform/db/transaction.js';
import { importCaseHistory, type ImportedCase } from '../../src/modules/cases/index.js';
import { ZCreateInitiative, ZCreateProgramme, ZDrawSample, ZSubmitReview } from '@sagsgang/contracts';
import {
  createInitiative,
  createProgramme,
  drawSupervisionSample,
  submitReview,
} from '../../src/modules/supervision/index.js';
import { makeCaseType, makeStaffUser, principalFor } from './case-factories.js';

let counter = 0;

/**
 * Decided cases for supervision tests, bulk-imported: `perUnit` cases in each unit, handled (assigned and decided)
 * by the given caseworker of that unit. Returns the case ids by unit and the case type.
 */
export async function decidedCases(
  db: Executor,
  o: { unitCode: string; units: { id: string; caseworkerId: string; count: number }[]; decidedOn?: string },
): Promise<{ caseTypeId: string; byUnit: Map<string, string[]> }> {
  const type = await makeCaseType(db, o.unitCode);
  const decided = new Date(`${o.decidedOn ?? '2026-02-10'}T12:00:00Z`);
  const received = new Date(decided.getTime() - 20 * 86_400_000);
  const byUnit = new Map<string, string[]>();
  const cases: ImportedCase[] = [];
  for (const u of o.units) {
    for (let i = 0; i < u.count; i++) {
      const id = crypto.randomUUID();
      byUnit.set(u.id, [...(byUnit.get(u.id) ?? []), id]);
      cases.push({
        id,
        reference: `SUP-${process.pid}-${++counter}`,
        caseTypeId: type.caseTypeId,
        caseTypeVersionId: type.versionId,
        definition: type.definition,
        unitId: u.id,
        assigneeId: u.caseworkerId,
        applicantName: 'Test Ansøger',
        channel: 'digital',
        state: 'decided',
        phaseCode: 'decision',
        outcome: 'granted',
        receivedAt: received,
        events: [
          { activity: 'received', occurredAt: received, actorId: null, attributes: { channel: 'digital' } },
          { activity: 'decided', occurredAt: decided, actorId: u.caseworkerId, attributes: { outcome: 'granted' } },
        ],
      });
    }
  }
  await importCaseHistory(db, cases, { now: new Date(decided.getTime() + 86_400_000) });
  return { caseTypeId: type.caseTypeId, byUnit };
}

/** A programme body with three criteria (the second may be not applicable). */
export function programmeBody(o: { unitId: string; reviewerIds: string[]; caseTypeIds?: string[] }) {
  return {
    unitId: o.unitId,
    title: 'Notatpligt og klagevejledning',
    focusArea: 'Notatpligt, partshøring og klagevejledning i afgørelser',
    reasonKind: 'audit_remark',
    reason: 'Revisionens bemærkning 2025',
    legalBasis: 'Forvaltningsloven §§ 19, 22–25; offentlighedsloven § 13',
    schedule: 'monthly',
    scoreLevels: ['Utilstrækkelig', 'Delvist tilfredsstillende', 'Tilfredsstillende', 'God'],
    caseTypeIds: o.caseTypeIds ?? [],
    criteria: [
      { code: 'notes', text: 'Notatpligten er overholdt', guidance: 'Væsentlige oplysninger er noteret' },
      { code: 'hearing', text: 'Partshøring er foretaget, hvor det kræves', allowsNotApplicable: true },
      { code: 'appeal', text: 'Begrundelse og klagevejledning er givet' },
    ],
    reviewerIds: o.reviewerIds,
  };
}

/** The supervision records the route-access test reaches: a programme on centre A with a sample, a review, an initiative. */
export interface SupervisionAccessWorld {
  programmeId: string;
  sampleId: string;
  sampledCaseId: string;
  initiativeId: string;
  reviewerId: string;
  centreA: string;
  teamA1: string;
}

export async function buildSupervisionAccessWorld(
  db: Executor,
  units: { authority: string; centreA: string; teamA1: string },
  caseTypeId: string,
): Promise<SupervisionAccessWorld> {
  const quality = await makeStaffUser(db, 'Kvalitet');
  const reviewerId = await makeStaffUser(db, 'Gennemgåer');
  const qp = await principalFor(db, quality, [{ role: 'quality', unitId: units.authority }]);
  const rp = await principalFor(db, reviewerId, [{ role: 'quality', unitId: units.authority }]);
  const p = await createProgramme(
    db,
    qp,
    ZCreateProgramme.parse(
      programmeBody({ unitId: units.centreA, reviewerIds: [reviewerId], caseTypeIds: [caseTypeId] }),
    ),
  );
  const sample = await drawSupervisionSample(
    db,
    qp,
    p.id,
    ZDrawSample.parse({ label: 'Adgang', population: { unitIds: [units.teamA1] }, design: 'simple', size: 1 }),
  );
  const sampledCaseId = sample.cases[0]!.caseId;
  await submitReview(
    db,
    rp,
    sample.id,
    sampledCaseId,
    ZSubmitReview.parse({
      answers: p.criteria.map((c) => ({ criterionId: c.id, answer: 'met' })),
      holisticScore: 4,
    }),
  );
  const initiative = await createInitiative(
    db,
    qp,
    ZCreateInitiative.parse({
      programmeId: p.id,
      kind: 'training',
      title: 'Kursus',
      ownerId: quality,
      dueDate: '2030-01-01',
    }),
  );
  return {
    programmeId: p.id,
    sampleId: sample.id,
    sampledCaseId,
    initiativeId: initiative.id,
    reviewerId,
    centreA: units.centreA,
    teamA1: units.teamA1,
  };
}
