import { describe, expect, test } from 'vitest';
import type { TProgramme, TSample } from '@sagsgang/contracts';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUnitTree, createUser, sessionFor, type TestSession } from '../../../test/support/test-auth.js';
import { decidedCases, programmeBody } from '../../../test/support/supervision-world.js';

for (const engine of ENGINES) {
  describe(`management supervision [${engine}]`, () => {
    const t = useTestApp(engine);

    async function world() {
      const db = t().database.db;
      const units = await createUnitTree(db);
      const user = async (grants: { role: 'quality' | 'teamlead' | 'caseworker'; unitId: string }[]) => {
        const u = await createUser(db, { grants });
        return { id: u.id, s: await sessionFor(t().app, db, u.id) };
      };
      const quality = await user([{ role: 'quality', unitId: units.centreA }]);
      // The reviewer works in quality of centre B: no working need on centre A's cases, only the sample's grants.
      const reviewer = await user([{ role: 'quality', unitId: units.centreB }]);
      const worker1 = await user([{ role: 'caseworker', unitId: units.teamA1 }]);
      const worker2 = await user([{ role: 'caseworker', unitId: units.teamA2 }]);
      const teamlead = await user([{ role: 'teamlead', unitId: units.centreA }]);
      const cases = await decidedCases(db, {
        unitCode: units.codes.centreA,
        units: [
          { id: units.teamA1, caseworkerId: worker1.id, count: 30 },
          { id: units.teamA2, caseworkerId: worker2.id, count: 10 },
        ],
      });
      return { db, units, quality, reviewer, worker1, worker2, teamlead, cases };
    }
    type World = Awaited<ReturnType<typeof world>>;

    async function programme(w: World, reviewerIds = [w.reviewer.id, w.worker1.id]): Promise<TProgramme> {
      const res = await w.quality.s.inject({
        method: 'POST',
        url: '/api/supervision/programmes',
        payload: programmeBody({ unitId: w.units.centreA, reviewerIds, caseTypeIds: [w.cases.caseTypeId] }),
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    }

    const draw = (s: TestSession, programmeId: string, body: Record<string, unknown>) =>
      s.inject({
        method: 'POST',
        url: `/api/supervision/programmes/${programmeId}/samples`,
        payload: { label: 'Februar 2026', population: { from: '2026-02-01', to: '2026-02-28' }, ...body },
      });

    async function reviewAll(w: World, p: TProgramme, sample: TSample, notMetIn: string) {
      for (const c of sample.cases.filter((x) => !x.replaced)) {
        const res = await w.reviewer.s.inject({
          method: 'POST',
          url: `/api/supervision/samples/${sample.id}/cases/${c.caseId}/review`,
          payload: {
            answers: p.criteria.map((k) => ({
              criterionId: k.id,
              answer:
                k.code === 'notes' && c.unitId === notMetIn
                  ? 'not_met'
                  : k.code === 'hearing'
                    ? 'not_applicable'
                    : 'met',
              comment: '',
            })),
            holisticScore: c.unitId === notMetIn ? 2 : 4,
          },
        });
        expect(res.statusCode, res.body).toBe(201);
      }
    }

    test('the quality unit sets up a programme; a caseworker may not', async () => {
      const w = await world();
      const p = await programme(w);
      expect(p.criteria.map((c) => [c.code, c.allowsNotApplicable])).toEqual([
        ['notes', false],
        ['hearing', true],
        ['appeal', false],
      ]);
      expect(p.scoreLevels).toHaveLength(4);
      const refused = await w.worker1.s.inject({
        method: 'POST',
        url: '/api/supervision/programmes',
        payload: programmeBody({ unitId: w.units.centreA, reviewerIds: [w.reviewer.id] }),
      });
      expect(refused.statusCode).toBe(403);
      const bad = await w.quality.s.inject({
        method: 'POST',
        url: '/api/supervision/programmes',
        payload: { ...programmeBody({ unitId: w.units.centreA, reviewerIds: [w.reviewer.id] }), scoreLevels: ['a'] },
      });
      expect(bad.statusCode).toBe(400);
    });

    test('a stratified sample is drawn from the population, stored with its seed, and the same inputs draw the same cases', async () => {
      const w = await world();
      const p = await programme(w);
      const res = await draw(w.quality.s, p.id, {
        design: 'stratified',
        stratifyBy: 'unit',
        allocation: 'proportional',
        size: 12,
      });
      expect(res.statusCode, res.body).toBe(201);
      const sample: TSample = res.json();
      expect(sample.populationSize).toBe(40);
      expect(sample.strata.map((s) => [s.key, s.populationSize, s.drawn])).toEqual(
        [
          [w.units.teamA1, 30, 9],
          [w.units.teamA2, 10, 3],
        ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      );
      const again: TSample = (
        await draw(w.quality.s, p.id, { design: 'stratified', stratifyBy: 'unit', size: 12, seed: sample.seed })
      ).json();
      expect(again.cases.map((c) => c.caseId).sort()).toEqual(sample.cases.map((c) => c.caseId).sort());
      const fromMargin: TSample = (await draw(w.quality.s, p.id, { design: 'simple', margin: 0.1 })).json();
      // n₀ = 96.04 at ±10 points; with N = 40: 96.04 / (1 + 95.04/40) = 28.4 → 29.
      expect(fromMargin.size).toBe(29);
    });

    test('more cases than the population is refused, and nothing is stored', async () => {
      const w = await world();
      const p = await programme(w);
      const res = await draw(w.quality.s, p.id, { design: 'simple', size: 41 });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain('more than the population of 40');
      const samples = await w.quality.s.inject({ method: 'GET', url: `/api/supervision/programmes/${p.id}/samples` });
      expect(samples.json().items).toEqual([]);
      const byReviewer = await draw(w.reviewer.s, p.id, { design: 'simple', size: 5 });
      expect(byReviewer.statusCode).toBe(403);
    });

    test('reviews: the case file opens for the reviewer (audited as supervision); own cases, double answers and out-of-sample cases are refused', async () => {
      const w = await world();
      const p = await programme(w);
      const sample: TSample = (await draw(w.quality.s, p.id, { design: 'simple', size: 6 })).json();
      const first = sample.cases[0]!;
      const file = await w.reviewer.s.inject({ method: 'GET', url: `/api/cases/${first.caseId}` });
      expect(file.statusCode, file.body).toBe(200);
      const audited = await w.db
        .selectFrom('audit_log')
        .select('purpose')
        .where('actor_user_id', '=', w.reviewer.id)
        .where('entity_id', '=', first.caseId)
        .where('action', '=', 'read')
        .execute();
      expect(audited.map((a) => a.purpose)).toEqual(['Supervision']);
      const sampled = new Set(sample.cases.map((c) => c.caseId));
      const outside = [...w.cases.byUnit.values()].flat().find((id) => !sampled.has(id))!;
      expect((await w.reviewer.s.inject({ method: 'GET', url: `/api/cases/${outside}` })).statusCode).toBe(403);
      const answers = p.criteria.map((k) => ({ criterionId: k.id, answer: 'met' }));
      const url = `/api/supervision/samples/${sample.id}/cases/${first.caseId}/review`;
      const twice = await w.reviewer.s.inject({
        method: 'POST',
        url,
        payload: { answers: [...answers, answers[0]], holisticScore: 3 },
      });
      expect(twice.statusCode).toBe(400);
      const na = await w.reviewer.s.inject({
        method: 'POST',
        url,
        payload: {
          answers: answers.map((a, i) => (i === 0 ? { ...a, answer: 'not_applicable' } : a)),
          holisticScore: 3,
        },
      });
      expect(na.statusCode).toBe(400);
      expect(na.json().error.message).toContain('"notes" cannot be not applicable');
      const ok = await w.reviewer.s.inject({
        method: 'POST',
        url,
        payload: { answers, holisticScore: 3, followUp: true },
      });
      expect(ok.statusCode, ok.body).toBe(201);
      const again = await w.reviewer.s.inject({ method: 'POST', url, payload: { answers, holisticScore: 2 } });
      expect(again.statusCode).toBe(409);
      const stored = await w.db.selectFrom('supervision_answer').select('answer').execute();
      expect(stored).toHaveLength(3);
      // The caseworker of team A1 is a reviewer too, but never of a case they handled.
      const own = sample.cases.find((c) => c.unitId === w.units.teamA1 && c.caseId !== first.caseId)!;
      const ownRes = await w.worker1.s.inject({
        method: 'POST',
        url: `/api/supervision/samples/${sample.id}/cases/${own.caseId}/review`,
        payload: { answers, holisticScore: 3 },
      });
      expect(ownRes.statusCode).toBe(403);
      expect(ownRes.json().error.details.reason).toBe('own_case');
      const notInSample = await w.reviewer.s.inject({
        method: 'POST',
        url: `/api/supervision/samples/${sample.id}/cases/${outside}/review`,
        payload: { answers, holisticScore: 3 },
      });
      expect(notInSample.statusCode).toBe(404);
      // A reviewed case cannot be replaced; another one can, with a reason, by the next case of its stratum.
      const replaceReviewed = await w.quality.s.inject({
        method: 'POST',
        url: `/api/supervision/samples/${sample.id}/cases/${first.caseId}/replace`,
        payload: { reason: 'Sagen er henlagt' },
      });
      expect(replaceReviewed.statusCode).toBe(409);
      const second = sample.cases[1]!;
      const replaced = await w.quality.s.inject({
        method: 'POST',
        url: `/api/supervision/samples/${sample.id}/cases/${second.caseId}/replace`,
        payload: { reason: 'Sagen er genoptaget' },
      });
      expect(replaced.statusCode, replaced.body).toBe(200);
      const after: TSample = replaced.json();
      expect(after.cases.find((c) => c.caseId === second.caseId)!.replaced!.reason).toBe('Sagen er genoptaget');
      expect(after.cases.filter((c) => !c.replaced)).toHaveLength(6);
      const noReason = await w.quality.s.inject({
        method: 'POST',
        url: `/api/supervision/samples/${sample.id}/cases/${sample.cases[2]!.caseId}/replace`,
        payload: { reason: ' ' },
      });
      expect(noReason.statusCode).toBe(400);
    });

    test('reviewers see only their programme: another programme of the centre is closed to them', async () => {
      const w = await world();
      await programme(w);
      const other = await programme(w, [w.worker2.id]);
      const sample: TSample = (await draw(w.quality.s, other.id, { design: 'simple', size: 3 })).json();
      const res = await w.reviewer.s.inject({ method: 'GET', url: `/api/supervision/samples/${sample.id}` });
      expect(res.statusCode).toBe(404);
      const list = await w.reviewer.s.inject({ method: 'GET', url: '/api/supervision/programmes' });
      expect(list.json().items.map((x: TProgramme) => x.id)).not.toContain(other.id);
    });

    test('analysis: error rates per criterion and unit with intervals, scores, per person only for the team lead; an initiative and a follow-up sample show the change', async () => {
      const w = await world();
      const p = await programme(w, [w.reviewer.id]);
      const sample: TSample = (
        await draw(w.quality.s, p.id, { design: 'stratified', stratifyBy: 'unit', allocation: 'equal', size: 20 })
      ).json();
      await reviewAll(w, p, sample, w.units.teamA1);
      const res = await w.quality.s.inject({ method: 'GET', url: `/api/supervision/samples/${sample.id}/analysis` });
      expect(res.statusCode, res.body).toBe(200);
      const a = res.json();
      const notes = a.criteria.find((c: { code: string }) => c.code === 'notes');
      // Every team A1 case failed, every team A2 case passed: the weighted rate is team A1's share, 30/40.
      expect(notes.overall.estimate).toBeCloseTo(0.75, 10);
      expect(notes.overall.lower).toBeLessThan(0.75);
      expect(notes.overall.upper).toBeGreaterThan(0.75);
      const byUnit = Object.fromEntries(
        notes.byUnit.map((u: { unitId: string; estimate: { estimate: number } }) => [u.unitId, u.estimate.estimate]),
      );
      expect(byUnit).toEqual({ [w.units.teamA1]: 1, [w.units.teamA2]: 0 });
      expect(a.criteria.find((c: { code: string }) => c.code === 'hearing').notApplicable).toBe(20);
      expect(a.criteria.find((c: { code: string }) => c.code === 'hearing').overall).toBeNull();
      expect(a.scoreDistribution).toEqual([
        { score: 1, count: 0 },
        { score: 2, count: 10 },
        { score: 3, count: 0 },
        { score: 4, count: 10 },
      ]);
      expect(a.cases).toHaveLength(20);
      expect(a.perPerson).toBeNull();
      const lead = (
        await w.teamlead.s.inject({ method: 'GET', url: `/api/supervision/samples/${sample.id}/analysis` })
      ).json();
      expect(lead.perPerson.map((x: { reviewed: number }) => x.reviewed)).toEqual([10, 10]);
      // A caseworker of a team below the centre holds no role on the programme's unit: the programme is not there.
      expect(
        (await w.worker2.s.inject({ method: 'GET', url: `/api/supervision/samples/${sample.id}/analysis` })).statusCode,
      ).toBe(404);

      const initiative = await w.quality.s.inject({
        method: 'POST',
        url: '/api/supervision/initiatives',
        payload: {
          programmeId: p.id,
          criterionId: notes.criterionId,
          sampleId: sample.id,
          kind: 'training',
          title: 'Kursus i notatpligt for team A1',
          ownerId: w.teamlead.id,
          dueDate: '2026-04-30',
        },
      });
      expect(initiative.statusCode, initiative.body).toBe(201);
      const followUp: TSample = (
        await draw(w.quality.s, p.id, {
          label: 'Opfølgning',
          design: 'stratified',
          stratifyBy: 'unit',
          allocation: 'equal',
          size: 20,
          followUpOf: sample.id,
          initiativeId: initiative.json().id,
        })
      ).json();
      await reviewAll(w, p, followUp, 'none');
      const after = (
        await w.quality.s.inject({ method: 'GET', url: `/api/supervision/samples/${followUp.id}/analysis` })
      ).json();
      const change = after.criteria.find((c: { code: string }) => c.code === 'notes').change;
      expect(change.previousSampleId).toBe(sample.id);
      expect(change.difference).toBeCloseTo(-0.75, 10);
      expect(change.significant).toBe(true);
    });

    test('audit remarks: an action plan and its half-year follow-up', async () => {
      const w = await world();
      const remark = await w.quality.s.inject({
        method: 'POST',
        url: '/api/supervision/audit-remarks',
        payload: {
          unitId: w.units.centreA,
          year: 2025,
          report: 'Revisionsberetning 2025',
          remark: 'Klagevejledning mangler',
        },
      });
      expect(remark.statusCode, remark.body).toBe(201);
      const add = (title: string) =>
        w.quality.s.inject({
          method: 'POST',
          url: '/api/supervision/initiatives',
          payload: {
            auditRemarkId: remark.json().id,
            kind: 'workflow',
            title,
            ownerId: w.teamlead.id,
            dueDate: '2026-03-31',
          },
        });
      const one = (await add('Skabelon med klagevejledning')).json();
      await add('Stikprøve hver måned');
      const done = await w.quality.s.inject({
        method: 'PATCH',
        url: `/api/supervision/initiatives/${one.id}`,
        payload: { status: 'done', completedOn: '2026-01-15' },
      });
      expect(done.statusCode, done.body).toBe(200);
      const report = (
        await w.teamlead.s.inject({ method: 'GET', url: '/api/supervision/audit-remarks/follow-up?halfYear=2026-H1' })
      ).json();
      const r = report.remarks.find((x: { id: string }) => x.id === remark.json().id);
      expect([r.done, r.total, r.fullyImplementedOn]).toEqual([1, 2, null]);
      const earlier = (
        await w.teamlead.s.inject({ method: 'GET', url: '/api/supervision/audit-remarks/follow-up?halfYear=2024-H2' })
      ).json();
      expect(earlier.remarks).toEqual([]);
      const byWorker = await w.worker1.s.inject({
        method: 'GET',
        url: '/api/supervision/audit-remarks/follow-up?halfYear=2026-H1',
      });
      expect(byWorker.statusCode).toBe(403);
    });
  });
}
