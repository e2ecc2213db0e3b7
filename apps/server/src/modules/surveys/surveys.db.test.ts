import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { startSmtpSink, type SmtpSink } from '../../../test/support/smtp-sink.js';
import { createUnitTree, createUser, sessionFor, signedOutSession } from '../../../test/support/test-auth.js';
import { makeCaseType, principalFor } from '../../../test/support/case-factories.js';
import { JobRunner } from '../../platform/jobs/index.js';
import { caseEventListeners, decideCase, openCase } from '../cases/index.js';
import { inviteAfterContact, publishSurveyTemplates } from './index.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
});

const form = (fields: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p.toString();
};
const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };

for (const engine of ENGINES) {
  describe(`surveys (${engine})`, () => {
    const get = useTestApp(engine, () => ({
      smtp: { host: '127.0.0.1', port: sink.port, secure: false, from: 'noreply@kommune.example' },
      publicUrl: 'http://sag.example.dk',
    }));
    let world: Awaited<ReturnType<typeof makeWorld>>;

    async function makeWorld() {
      const { app, ctx, database } = get();
      const db = database.db;
      const units = await createUnitTree(db);
      const type = await makeCaseType(db, units.codes.teamA1, 'family-reunification');
      const caseworker = await createUser(db, { grants: [{ role: 'caseworker', unitId: units.teamA1 }] });
      const quality = await createUser(db, { grants: [{ role: 'quality', unitId: units.centreA }] });
      const otherLead = await createUser(db, { grants: [{ role: 'teamlead', unitId: units.teamB1 }] });
      const staff = await principalFor(db, caseworker.id, [{ role: 'caseworker', unitId: units.teamA1 }]);
      await publishSurveyTemplates(db);
      const runner = new JobRunner({ ctx, log: quiet, workerId: 'survey-test' });
      return { app, ctx, db, units, type, staff, quality, otherLead, caseworker, runner };
    }

    let n = 0;
    /** A citizen with an e-mail address whose case is opened and decided now. */
    async function decidedCitizen() {
      const { ctx, db, staff, type } = world;
      const citizen = await createUser(db, { kind: 'applicant', displayName: `Borger ${++n}` });
      await db
        .updateTable('app_user')
        .set({ email: `borger${n}@example.dk` })
        .where('id', '=', citizen.id)
        .execute();
      const listeners = caseEventListeners(ctx);
      const c = await openCase(
        { db, actor: staff, listeners },
        { caseTypeCode: type.code, channel: 'digital', applicant: { userId: citizen.id, name: `Borger ${n}` } },
      );
      await decideCase({ db, actor: staff, listeners }, c.id, {
        expectedVersion: c.version,
        outcome: 'granted',
        reasons: 'OK',
        legalRules: ['§ 9'],
      });
      return { citizen, caseId: c.id };
    }

    /** Runs the due invitation jobs (the delay skipped) and returns the link of the newest mail. */
    async function sendDue(): Promise<string> {
      const before = sink.received.length;
      await sql`UPDATE job SET run_at = now() WHERE status = 'pending' AND kind = 'survey.invite'`.execute(world.db);
      await world.runner.drain();
      const mails = await sink.waitFor(before + 1);
      const m = /http:\/\/sag\.example\.dk(\/undersoegelse\?token=[\w-]+)/.exec(mails[mails.length - 1]!.text);
      expect(m, 'the mail holds the one-time link').not.toBeNull();
      return m![1]!;
    }

    const responses = async () =>
      Number((await sql<{ n: string }>`SELECT count(*) AS n FROM survey_response`.execute(world.db)).rows[0]!.n);

    test('a decision invites the applicant after the delay, by e-mail with a one-time link', async () => {
      world = await makeWorld();
      const { citizen, caseId } = await decidedCitizen();
      const inv = await world.db
        .selectFrom('survey_invitation')
        .select(['status', 'send_at', 'token_hash', 'unit_id', 'outcome'])
        .where('case_id', '=', caseId)
        .executeTakeFirstOrThrow();
      expect(inv).toMatchObject({
        status: 'scheduled',
        token_hash: null,
        unit_id: world.units.teamA1,
        outcome: 'granted',
      });
      // The after-decision survey waits three days.
      expect(new Date(inv.send_at).getTime() - Date.now()).toBeGreaterThan(2.9 * 24 * 3600 * 1000);
      const link = await sendDue();
      const mail = sink.received[sink.received.length - 1]!;
      expect(mail.to).toEqual([`borger${n}@example.dk`]);
      expect(mail.subject).toContain('Vil du hjælpe');
      const sent = await world.db
        .selectFrom('survey_invitation')
        .select(['status', 'token_hash'])
        .where('case_id', '=', caseId)
        .executeTakeFirstOrThrow();
      expect(sent.status).toBe('sent');
      // Only the hash is kept.
      expect(sent.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(link).not.toContain(sent.token_hash!);
      void citizen;
    });

    test('the answer page works without scripts; bad answers are refused with 400 and nothing is stored', async () => {
      const link = await (async () => {
        await decidedCitizen();
        return sendDue();
      })();
      const browser = await signedOutSession(world.app);
      const page = await browser.inject({ method: 'GET', url: link, headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(200);
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.body).toContain('Alt i alt, hvor tilfreds er du med behandlingen af din sag?');
      expect(page.body).toContain('name="q.overall" value="5"');
      const token = new URL(link, 'https://x').searchParams.get('token')!;
      const before = await responses();

      const outOfRange = await browser.inject({
        method: 'POST',
        url: '/undersoegelse',
        headers: FORM,
        payload: form({ _csrf: browser.csrfToken, token, 'q.overall': '7' }),
      });
      expect(outOfRange.statusCode).toBe(400);
      expect(outOfRange.body).toContain('Vælg et af svarene');
      const missing = await browser.inject({
        method: 'POST',
        url: '/undersoegelse',
        headers: FORM,
        payload: form({ _csrf: browser.csrfToken, token, 'q.time': '3' }),
      });
      expect(missing.statusCode).toBe(400);
      expect(missing.body).toContain('Svar på spørgsmålet');
      const unknown = await world.app.inject({
        method: 'POST',
        url: '/api/surveys/answers',
        payload: { token, answers: { overall: 4, 'shoe-size': 44 } },
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.details).toEqual([{ questionId: 'shoe-size', reason: 'unknown_question' }]);
      const notAnOption = await world.app.inject({
        method: 'POST',
        url: '/api/surveys/answers',
        payload: { token, answers: { overall: 4, improved: 'much-better' } },
      });
      expect(notAnOption.statusCode).toBe(400);
      expect(await responses()).toBe(before);

      // A very unhappy answer, with a CPR number in the comment, goes through and opens a follow-up task.
      const ok = await browser.inject({
        method: 'POST',
        url: '/undersoegelse',
        headers: FORM,
        payload: form({
          _csrf: browser.csrfToken,
          token,
          'q.overall': '1',
          'q.what-wrong': ['waiting', 'information'],
          'q.comment': 'Jeg ventede alt for længe. Mit CPR er 010190-1234.',
        }),
      });
      expect(ok.statusCode).toBe(303);
      expect(ok.headers.location).toBe('/undersoegelse/tak');
      expect(await responses()).toBe(before + 1);
      const stored = await world.db
        .selectFrom('survey_response')
        .selectAll()
        .orderBy('answered_at', 'desc')
        .executeTakeFirstOrThrow();
      expect(stored.answers).toMatchObject({ overall: 1, 'what-wrong': ['waiting', 'information'] });
      // The response does not name the person or the case.
      expect(Object.keys(stored)).not.toContain('recipient_user_id');
      expect(Object.keys(stored)).not.toContain('case_id');
      const followUps = await world.db.selectFrom('survey_follow_up').selectAll().execute();
      expect(followUps).toHaveLength(1);
      expect(followUps[0]).toMatchObject({ unit_id: world.units.teamA1, score: 1, status: 'open' });

      // The link is used up: a second answer gets a clear page and stores nothing.
      const again = await browser.inject({
        method: 'POST',
        url: '/undersoegelse',
        headers: FORM,
        payload: form({ _csrf: browser.csrfToken, token, 'q.overall': '5' }),
      });
      expect(again.statusCode).toBe(409);
      expect(again.body).toContain('Du har allerede svaret');
      const reopened = await browser.inject({ method: 'GET', url: link, headers: { accept: 'text/html' } });
      expect(reopened.body).toContain('Du har allerede svaret');
      expect(await responses()).toBe(before + 1);
    });

    test('a forged or expired link gets a clear page and stores nothing', async () => {
      const browser = await signedOutSession(world.app);
      const forged = await browser.inject({
        method: 'GET',
        url: '/undersoegelse?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        headers: { accept: 'text/html' },
      });
      expect(forged.statusCode).toBe(404);
      expect(forged.body).toContain('Linket virker ikke');
      const { caseId } = await decidedCitizen();
      const link = await sendDue();
      await world.db
        .updateTable('survey_invitation')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('case_id', '=', caseId)
        .execute();
      const before = await responses();
      const token = new URL(link, 'https://x').searchParams.get('token')!;
      const expired = await browser.inject({
        method: 'POST',
        url: '/undersoegelse',
        headers: FORM,
        payload: form({ _csrf: browser.csrfToken, token, 'q.overall': '4' }),
      });
      expect(expired.statusCode).toBe(410);
      expect(expired.body).toContain('Linket er udløbet');
      const api = await world.app.inject({
        method: 'POST',
        url: '/api/surveys/answers',
        payload: { token, answers: { overall: 4 } },
      });
      expect(api.statusCode).toBe(409);
      expect(await responses()).toBe(before);
    });

    test('declining ends the link and keeps the person from being asked again', async () => {
      const { citizen } = await decidedCitizen();
      const link = await sendDue();
      const token = new URL(link, 'https://x').searchParams.get('token')!;
      const browser = await signedOutSession(world.app);
      const declined = await browser.inject({
        method: 'POST',
        url: '/undersoegelse/afvis',
        headers: FORM,
        payload: form({ _csrf: browser.csrfToken, token }),
      });
      expect(declined.statusCode).toBe(303);
      expect(declined.headers.location).toBe('/undersoegelse/afvist');
      // A new decision for the same person: no new invitation.
      const { staff, type, ctx, db } = world;
      const listeners = caseEventListeners(ctx);
      const c = await openCase(
        { db, actor: staff, listeners },
        { caseTypeCode: type.code, channel: 'digital', applicant: { userId: citizen.id, name: 'Igen' } },
      );
      await decideCase({ db, actor: staff, listeners }, c.id, {
        expectedVersion: c.version,
        outcome: 'granted',
        reasons: 'OK',
        legalRules: ['§ 9'],
      });
      const invited = await db.selectFrom('survey_invitation').select('id').where('case_id', '=', c.id).execute();
      expect(invited).toEqual([]);
    });

    test('a signed-in citizen sees their open surveys and answers there; another citizen cannot open them', async () => {
      const { citizen } = await decidedCitizen();
      await sendDue();
      const own = await sessionFor(world.app, world.db, citizen.id);
      const list = await own.inject({ method: 'GET', url: '/mine-undersoegelser', headers: { accept: 'text/html' } });
      expect(list.statusCode).toBe(200);
      const m = /href="\/mine-undersoegelser\/([0-9a-f-]{36})"/.exec(list.body);
      expect(m).not.toBeNull();
      const other = await createUser(world.db, { kind: 'applicant' });
      const stranger = await sessionFor(world.app, world.db, other.id);
      const foreign = await stranger.inject({
        method: 'GET',
        url: `/mine-undersoegelser/${m![1]}`,
        headers: { accept: 'text/html' },
      });
      expect(foreign.statusCode).toBe(404);
      const foreignPost = await stranger.inject({
        method: 'POST',
        url: '/undersoegelse',
        headers: FORM,
        payload: form({ _csrf: stranger.csrfToken, invitation: m![1]!, 'q.overall': '5' }),
      });
      expect(foreignPost.statusCode).toBe(404);
      const answered = await own.inject({
        method: 'POST',
        url: '/undersoegelse',
        headers: FORM,
        payload: form({ _csrf: own.csrfToken, invitation: m![1]!, 'q.overall': '5', 'q.understood': 'yes' }),
      });
      expect(answered.statusCode).toBe(303);
      const after = await own.inject({ method: 'GET', url: '/mine-undersoegelser', headers: { accept: 'text/html' } });
      expect(after.body).not.toContain(m![1]);
    });

    test('results: hidden below 5 answers, then figures with Wilson intervals, for the reader’s units only', async () => {
      const quality = await sessionFor(world.app, world.db, world.quality.id);
      // Two answers so far (1 and 5): the group is too small to show.
      const small = await quality.inject({ method: 'GET', url: '/api/surveys/results?survey=after-decision' });
      expect(small.statusCode).toBe(200);
      expect(small.json().groups).toEqual([expect.objectContaining({ key: 'all', suppressed: true, responses: null })]);
      for (const score of [4, 4, 5]) {
        await decidedCitizen();
        const token = new URL(await sendDue(), 'https://x').searchParams.get('token')!;
        const r = await world.app.inject({
          method: 'POST',
          url: '/api/surveys/answers',
          payload: { token, answers: { overall: score, understood: score >= 4 ? 'yes' : 'no' } },
        });
        expect(r.statusCode).toBe(201);
      }
      const res = await quality.inject({ method: 'GET', url: '/api/surveys/results?survey=after-decision' });
      const all = res.json().groups[0];
      expect(all).toMatchObject({ key: 'all', suppressed: false, responses: 5 });
      // Invitations that reached someone: 6 (one expired unanswered, one declined, five answered... see above).
      expect(all.invited).toBeGreaterThanOrEqual(5);
      expect(all.responseRate).toBeCloseTo(5 / all.invited, 6);
      const overall = all.questions.find((q: { questionId: string }) => q.questionId === 'overall');
      expect(overall.distribution).toEqual({ '1': 1, '2': 0, '3': 0, '4': 2, '5': 2 });
      expect(overall.shareSatisfied).toBeCloseTo(0.8, 10);
      expect(overall.shareInterval.low).toBeCloseTo(0.3755, 3);
      expect(overall.shareInterval.high).toBeCloseTo(0.9638, 3);
      expect(overall.mean).toBeCloseTo(3.8, 10);

      const byUnit = await quality.inject({ method: 'GET', url: '/api/surveys/results?survey=after-decision&by=unit' });
      expect(byUnit.json().groups.map((g: { label: string }) => g.label)).toEqual(['Team A1']);
      // A team lead of another centre sees none of these answers; a caseworker no results at all.
      const lead = await sessionFor(world.app, world.db, world.otherLead.id);
      const elsewhere = await lead.inject({ method: 'GET', url: '/api/surveys/results?survey=after-decision' });
      expect(elsewhere.json().groups).toEqual([]);
      const worker = await sessionFor(world.app, world.db, world.caseworker.id);
      expect(
        (await worker.inject({ method: 'GET', url: '/api/surveys/results?survey=after-decision' })).statusCode,
      ).toBe(403);

      // Free text: only the quality role, with the CPR number masked.
      const comments = await quality.inject({ method: 'GET', url: '/api/surveys/comments?survey=after-decision' });
      expect(comments.statusCode).toBe(200);
      expect(comments.json().comments[0].text).toBe('Jeg ventede alt for længe. Mit CPR er ******-****.');
      expect(
        (await lead.inject({ method: 'GET', url: '/api/surveys/comments?survey=after-decision' })).statusCode,
      ).toBe(403);

      const xlsx = await quality.inject({
        method: 'GET',
        url: '/api/surveys/results.xlsx?survey=after-decision&by=quarter',
      });
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');

      const indicator = world.ctx.registry.indicators.get('surveys.share-satisfied')!;
      const today = new Date().toISOString().slice(0, 10);
      const v = await indicator.compute(world.db, { from: '2020-01-01', to: today, unitIds: [world.units.teamA1] });
      expect(v).toEqual({ value: 0.8, basis: 5 });
      expect(
        await indicator.compute(world.db, { from: '2020-01-01', to: today, unitIds: [world.units.teamB1] }),
      ).toEqual({
        value: null,
        basis: 0,
      });
    });

    test('follow-up tasks: listed and closed by the unit’s quality or team lead, not by others', async () => {
      const quality = await sessionFor(world.app, world.db, world.quality.id);
      const lead = await sessionFor(world.app, world.db, world.otherLead.id);
      const open = await quality.inject({ method: 'GET', url: '/api/surveys/follow-ups?status=open' });
      expect(open.json()).toHaveLength(1);
      const id = open.json()[0].id as string;
      expect((await lead.inject({ method: 'GET', url: '/api/surveys/follow-ups' })).json()).toEqual([]);
      const refused = await lead.inject({
        method: 'POST',
        url: `/api/surveys/follow-ups/${id}/close`,
        payload: { note: 'x' },
      });
      expect(refused.statusCode).toBe(403);
      const closed = await quality.inject({
        method: 'POST',
        url: `/api/surveys/follow-ups/${id}/close`,
        payload: { note: 'Ringet op og undskyldt ventetiden' },
      });
      expect(closed.statusCode).toBe(204);
      expect((await quality.inject({ method: 'GET', url: '/api/surveys/follow-ups?status=open' })).json()).toEqual([]);
    });

    test('after a contact, a share per channel is invited; the annual staff survey goes to all staff once', async () => {
      const { db, units, app } = world;
      const person = await createUser(db, { kind: 'applicant', password: null });
      const contact = { contactRef: 'K-1', userId: person.id, channel: 'phone', unitId: units.teamA1 };
      // The after-contact survey samples 20% of phone contacts: a draw of 0.5 is not asked, one of 0.1 is.
      expect(await inviteAfterContact(db, { ...contact, draw: 0.5 })).toEqual({
        invited: false,
        reason: 'not_sampled',
      });
      const asked = await inviteAfterContact(db, { ...contact, draw: 0.1 });
      expect(asked.invited).toBe(true);
      // Not every time: the same person is not asked again within the survey's quarantine.
      expect(await inviteAfterContact(db, { ...contact, contactRef: 'K-2', draw: 0 })).toEqual({
        invited: false,
        reason: 'recently_asked',
      });

      for (const u of [world.quality, world.otherLead])
        await db
          .updateTable('app_user')
          .set({ email: `${u.username}@kommune.example` })
          .where('id', '=', u.id)
          .execute();
      const admin = await createUser(db, { grants: [{ role: 'admin', unitId: units.authority }] });
      const unitAdmin = await createUser(db, { grants: [{ role: 'admin', unitId: units.centreB }] });
      const session = await sessionFor(app, db, admin.id);
      const refused = await (
        await sessionFor(app, db, unitAdmin.id)
      ).inject({
        method: 'POST',
        url: '/api/surveys/annual/annual_staff',
        payload: {},
      });
      expect(refused.statusCode).toBe(403);
      const first = await session.inject({ method: 'POST', url: '/api/surveys/annual/annual_staff', payload: {} });
      expect(first.statusCode).toBe(201);
      expect(first.json().invited).toBeGreaterThanOrEqual(2);
      const staffInvited = await db
        .selectFrom('survey_invitation as i')
        .innerJoin('survey_definition as d', 'd.id', 'i.definition_id')
        .select(['i.recipient_user_id', 'i.unit_id'])
        .where('d.code', '=', 'annual-staff')
        .execute();
      expect(staffInvited).toEqual(
        expect.arrayContaining([{ recipient_user_id: world.otherLead.id, unit_id: units.teamB1 }]),
      );
      const again = await session.inject({ method: 'POST', url: '/api/surveys/annual/annual_staff', payload: {} });
      expect(again.json().invited).toBe(0);
    });

    test('the answer endpoint is rate-limited per link and address', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const r = await world.app.inject({
          method: 'POST',
          url: '/api/surveys/answers',
          payload: { token: 'BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB', answers: { overall: 3 } },
        });
        statuses.push(r.statusCode);
      }
      expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
      expect(statuses[10]).toBe(429);
    });
  });
}
