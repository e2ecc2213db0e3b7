import { afterAll, beforeAll, expect, test } from 'vitest';
import { sql } from 'kysely';
import { describeEachEngine } from '../../../test/support/test-database.js';
import { startSmtpSink, type SmtpSink } from '../../../test/support/smtp-sink.js';
import {
  grantRole,
  makeApplicantUser,
  makeCaseType,
  makeStaffUser,
  makeUnit,
  principalFor,
} from '../../../test/support/case-factories.js';
import { loadConfig } from '../../platform/config.js';
import { JobRunner } from '../../platform/jobs/index.js';
import { createAppContext } from '../../composition.js';
import { changePhase, decideCase, openCase, requestInformation, type CaseEventListener } from '../cases/index.js';
import { notifyApplicantOfCaseEvent } from './index.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
// What the app tells of each case change; a test passes them with each command, as the routes do.
const listeners: CaseEventListener[] = [notifyApplicantOfCaseEvent];
afterAll(async () => {
  await sink.close();
});

describeEachEngine('notifications', (database) => {
  let runner: JobRunner;
  let setup: Awaited<ReturnType<typeof makeSetup>>;

  async function makeSetup() {
    const db = database().db;
    const unit = await makeUnit(db);
    const type = await makeCaseType(db, unit.code, 'family-reunification');
    const staffId = await makeStaffUser(db);
    await grantRole(db, staffId, 'caseworker', unit.id);
    const staff = await principalFor(db, staffId, [{ role: 'caseworker', unitId: unit.id }]);
    const applicantId = await makeApplicantUser(db, 'Maria Svensson');
    await db
      .updateTable('app_user')
      .set({ email: 'maria@example.se', locale: 'sv' })
      .where('id', '=', applicantId)
      .execute();
    const c = await openCase(
      { db, actor: staff, listeners },
      { caseTypeCode: type.code, channel: 'digital', applicant: { userId: applicantId, name: 'Maria Svensson' } },
    );
    return { db, staff, applicantId, case: c, type };
  }

  test('an information request queues its mail in the same transaction; a refused send is retried and the case change stays', async () => {
    setup = await makeSetup();
    const ctx = createAppContext({
      database: database(),
      config: loadConfig(
        { ...process.env, DATABASE_URL: '' },
        {
          smtp: { host: '127.0.0.1', port: sink.port, secure: false, from: 'noreply@kommune.example' },
          publicUrl: 'https://sag.example.dk',
        },
      ),
    });
    runner = new JobRunner({ ctx, log: quiet, workerId: 'test-worker' });
    const { db, staff } = setup;
    const r = await requestInformation({ db, actor: staff, listeners }, setup.case.id, {
      expectedVersion: setup.case.version,
      items: [{ requirementCode: 'bank-guarantee', text: 'Bankgaranti' }],
      message: 'Vi mangler bankgarantien.',
      dueDate: '2031-01-15',
    });
    const queued = await db
      .selectFrom('notification')
      .select(['id', 'kind', 'status'])
      .where('case_id', '=', setup.case.id)
      .execute();
    expect(queued.map((n) => [n.kind, n.status])).toEqual([['information_request', 'queued']]);

    const before = sink.received.length;
    sink.failNext(1);
    expect(await runner.runOnce()).toBe(true);
    const job = await sql<{
      status: string;
      attempts: number;
      last_error: string;
    }>`SELECT status, attempts, last_error FROM job WHERE payload->>'notificationId' = ${String(queued[0].id)}`.execute(
      db,
    );
    expect(job.rows[0]).toMatchObject({ status: 'pending', attempts: 1 });
    expect(job.rows[0].last_error).toMatch(/451|Try again/);
    const c = await db
      .selectFrom('case_file')
      .select(['state', 'version'])
      .where('id', '=', setup.case.id)
      .executeTakeFirstOrThrow();
    expect(c).toEqual({ state: 'awaiting_applicant', version: r.case.version });

    await sql`UPDATE job SET run_at = now() WHERE status = 'pending'`.execute(db);
    await runner.drain();
    const [mail] = (await sink.waitFor(before + 1)).slice(before);
    expect(mail.to).toEqual(['maria@example.se']);
    expect(mail.subject).toBe(`Vi behöver fler uppgifter i ärende ${setup.case.reference}`);
    expect(mail.text).toContain('- Bankgaranti');
    expect(mail.text).toContain('Skicka det till oss senast 15 januari 2031');
    expect(mail.text).toContain(`https://sag.example.dk/mine-sager/${setup.case.reference}`);
    const sent = await db
      .selectFrom('notification')
      .select(['status', 'attempts'])
      .where('id', '=', queued[0].id)
      .executeTakeFirstOrThrow();
    expect(sent).toEqual({ status: 'sent', attempts: 2 });
  });

  test('a phase change mails only when the phase says so; a failing listener rolls the change back with its mail', async () => {
    const { db, staff } = setup;
    let version = (
      await db.selectFrom('case_file').select('version').where('id', '=', setup.case.id).executeTakeFirstOrThrow()
    ).version;
    const quietPhase = await changePhase({ db, actor: staff, listeners }, setup.case.id, {
      expectedVersion: version,
      phaseCode: 'screening',
    });
    version = quietPhase.case.version;
    expect(
      await db
        .selectFrom('notification')
        .select('kind')
        .where('case_id', '=', setup.case.id)
        .where('kind', '=', 'phase_change')
        .execute(),
    ).toEqual([]);

    const failing: CaseEventListener = async (n) => {
      if (n.activity === 'phase_changed') throw new Error('listener down');
    };
    await expect(
      changePhase({ db, actor: staff, listeners: [...listeners, failing] }, setup.case.id, {
        expectedVersion: version,
        phaseCode: 'processing',
      }),
    ).rejects.toThrow('listener down');
    expect(
      (await db.selectFrom('case_file').select('phase_code').where('id', '=', setup.case.id).executeTakeFirstOrThrow())
        .phase_code,
    ).toBe('screening');
    expect(
      await db
        .selectFrom('notification')
        .select('kind')
        .where('kind', '=', 'phase_change')
        .where('case_id', '=', setup.case.id)
        .execute(),
    ).toEqual([]);

    await changePhase({ db, actor: staff, listeners }, setup.case.id, {
      expectedVersion: version,
      phaseCode: 'processing',
    });
    const kinds = await db
      .selectFrom('notification')
      .select('kind')
      .where('case_id', '=', setup.case.id)
      .orderBy('id')
      .execute();
    expect(kinds.map((k) => k.kind)).toEqual(['information_request', 'phase_change']);
  });

  test('the decision mail says where to read it and by when to appeal; an applicant without e-mail is skipped', async () => {
    const { db, staff } = setup;
    const version = (
      await db.selectFrom('case_file').select('version').where('id', '=', setup.case.id).executeTakeFirstOrThrow()
    ).version;
    await decideCase({ db, actor: staff, listeners }, setup.case.id, {
      expectedVersion: version,
      outcome: 'refused',
      reasons: 'Boligkravet er ikke opfyldt.',
      legalRules: ['Udlændingelovens § 9, stk. 1, nr. 1'],
      appealGuidance: 'Du kan klage til Udlændingenævnet inden 8 uger.',
    });
    const before = sink.received.length;
    await runner.drain();
    const mails = (await sink.waitFor(before + 2)).slice(before);
    const decision = mails.find((m) => m.subject.startsWith('Beslut'))!;
    expect(decision.subject).toBe(`Beslut har fattats i ärende ${setup.case.reference}`);
    expect(decision.text).toContain('Logga in på Mina ärenden');
    expect(decision.text).toMatch(/Om du vill överklaga måste vi ha fått ditt överklagande senast \d+ \w+ \d{4}/);

    const other = await makeApplicantUser(db, 'No Mail');
    const c = await openCase(
      { db, actor: staff, listeners },
      { caseTypeCode: setup.type.code, channel: 'digital', applicant: { userId: other, name: 'No Mail' } },
    );
    await requestInformation({ db, actor: staff, listeners }, c.id, {
      expectedVersion: c.version,
      items: [{ text: 'Pas' }],
      message: 'Send pas.',
      dueDate: '2031-01-01',
    });
    await runner.drain();
    const skipped = await db
      .selectFrom('notification')
      .select('status')
      .where('case_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(skipped.status).toBe('skipped');
  });
});
