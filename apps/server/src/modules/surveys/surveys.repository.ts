import { sql, type Selectable } from 'kysely';
import type { TSurveyDefinition, TSurveyKind } from '@sagsgang/contracts';
import type { Executor } from '../../platform/db/transaction.js';
import type { AnswerValue } from './survey-answers.js';
import type {
  InvitationStatus,
  SurveyDefinitionTable,
  SurveyInvitationTable,
  SurveyResponseTable,
} from './surveys.tables.js';
import './surveys.tables.js';

export type DefinitionRow = Selectable<SurveyDefinitionTable>;
export type InvitationRow = Selectable<SurveyInvitationTable>;
export type ResponseRow = Pick<
  Selectable<SurveyResponseTable>,
  'definition_id' | 'unit_id' | 'case_type_id' | 'outcome' | 'channel' | 'answered_at' | 'answers'
>;

/** What an invitation or a response is broken down by. */
export interface Breakdown {
  unitId: string | null;
  caseTypeId: string | null;
  outcome: string | null;
  channel: string | null;
  waitedDays: number | null;
}

export interface NewInvitation extends Breakdown {
  definitionId: string;
  recipientUserId: string | null;
  caseId: string | null;
  contactRef: string | null;
  sendAt: Date;
}

export interface ResultsFilter {
  definitionIds: readonly string[];
  unitIds: readonly string[];
  from?: string;
  to?: string;
  caseTypeId?: string;
  outcome?: string;
  channel?: string;
}

export interface InvitationCount {
  unit_id: string | null;
  case_type_id: string | null;
  outcome: string | null;
  channel: string | null;
  quarter: string;
  delivered: number;
  answered: number;
}

const breakdownColumns = (b: Breakdown) => ({
  unit_id: b.unitId,
  case_type_id: b.caseTypeId,
  outcome: b.outcome,
  channel: b.channel,
  waited_days: b.waitedDays,
});

export const surveysRepository = {
  async insertDefinition(
    db: Executor,
    d: { code: string; version: number; kind: TSurveyKind; definition: TSurveyDefinition },
  ) {
    return db
      .insertInto('survey_definition')
      .values({ code: d.code, version: d.version, kind: d.kind, definition: JSON.stringify(d.definition) })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
  },

  async latestOfCode(db: Executor, code: string): Promise<DefinitionRow | undefined> {
    return db
      .selectFrom('survey_definition')
      .selectAll()
      .where('code', '=', code)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  },

  async versionsOfCode(db: Executor, code: string): Promise<DefinitionRow[]> {
    return db.selectFrom('survey_definition').selectAll().where('code', '=', code).orderBy('version').execute();
  },

  /** The newest version of the newest survey of a kind: the one its trigger uses. */
  async currentOfKind(db: Executor, kind: TSurveyKind): Promise<DefinitionRow | undefined> {
    return db
      .selectFrom('survey_definition')
      .selectAll()
      .where('kind', '=', kind)
      .orderBy('created_at', 'desc')
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  },

  async definitionsOfKind(db: Executor, kind: TSurveyKind): Promise<DefinitionRow[]> {
    return db.selectFrom('survey_definition').selectAll().where('kind', '=', kind).execute();
  },

  async currentDefinitions(db: Executor): Promise<DefinitionRow[]> {
    return db
      .selectFrom('survey_definition as d')
      .selectAll()
      .where(({ eb, selectFrom }) =>
        eb(
          'd.version',
          '=',
          selectFrom('survey_definition as e')
            .select((e) => e.fn.max('e.version').as('v'))
            .whereRef('e.code', '=', 'd.code'),
        ),
      )
      .orderBy('d.code')
      .execute();
  },

  async definition(db: Executor, id: string): Promise<DefinitionRow | undefined> {
    return db.selectFrom('survey_definition').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Returns the new invitation's id, or undefined when the case already has one for this survey. */
  async insertInvitation(db: Executor, i: NewInvitation): Promise<string | undefined> {
    const r = await db
      .insertInto('survey_invitation')
      .values({
        definition_id: i.definitionId,
        recipient_user_id: i.recipientUserId,
        case_id: i.caseId,
        contact_ref: i.contactRef,
        send_at: i.sendAt,
        ...breakdownColumns(i),
      })
      .onConflict((oc) => oc.columns(['definition_id', 'case_id']).where('case_id', 'is not', null).doNothing())
      .returning('id')
      .executeTakeFirst();
    return r?.id;
  },

  async invitation(db: Executor, id: string, forUpdate = false): Promise<InvitationRow | undefined> {
    let q = db.selectFrom('survey_invitation').selectAll().where('id', '=', id);
    if (forUpdate) q = q.forUpdate();
    return q.executeTakeFirst();
  },

  async invitationByTokenHash(db: Executor, tokenHash: string, forUpdate = false): Promise<InvitationRow | undefined> {
    let q = db.selectFrom('survey_invitation').selectAll().where('token_hash', '=', tokenHash);
    if (forUpdate) q = q.forUpdate();
    return q.executeTakeFirst();
  },

  async setToken(db: Executor, id: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await db
      .updateTable('survey_invitation')
      .set({ token_hash: tokenHash, expires_at: expiresAt })
      .where('id', '=', id)
      .execute();
  },

  async markSent(db: Executor, id: string): Promise<void> {
    await db
      .updateTable('survey_invitation')
      .set({ status: 'sent', sent_at: sql<Date>`now()` })
      .where('id', '=', id)
      .where('status', '=', 'scheduled')
      .execute();
  },

  async close(db: Executor, id: string, status: Extract<InvitationStatus, 'answered' | 'declined' | 'skipped'>) {
    await db
      .updateTable('survey_invitation')
      .set({ status, closed_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute();
  },

  /** Whether the person was invited to a survey of this code since `since`, or is in quarantine. */
  async recentlyAsked(db: Executor, userId: string, code: string, since: Date): Promise<boolean> {
    const r = await sql<{ asked: boolean }>`
      SELECT EXISTS (
        SELECT 1 FROM survey_invitation i JOIN survey_definition d ON d.id = i.definition_id
        WHERE i.recipient_user_id = ${userId} AND d.code = ${code} AND i.created_at >= ${since}
      ) OR EXISTS (SELECT 1 FROM survey_quarantine q WHERE q.user_id = ${userId} AND q.until > now()) AS asked`.execute(
      db,
    );
    return r.rows[0]?.asked ?? false;
  },

  async quarantine(db: Executor, userId: string, until: Date): Promise<void> {
    await db
      .insertInto('survey_quarantine')
      .values({ user_id: userId, until })
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet({ until: sql`GREATEST(survey_quarantine.until, excluded.until)` }),
      )
      .execute();
  },

  async recipient(db: Executor, userId: string) {
    return db
      .selectFrom('app_user')
      .select(['email', 'display_name as displayName', 'locale', 'active'])
      .where('id', '=', userId)
      .executeTakeFirst();
  },

  /** Every active member of staff with an e-mail address, with the unit of their first role. */
  async staffRecipients(db: Executor): Promise<{ userId: string; unitId: string | null }[]> {
    const r = await sql<{ userId: string; unitId: string | null }>`
      SELECT DISTINCT ON (u.id) u.id AS "userId", g.unit_id AS "unitId"
      FROM app_user u JOIN role_grant g ON g.user_id = u.id AND g.unit_id IS NOT NULL
      WHERE u.kind = 'staff' AND u.active AND u.email IS NOT NULL
      ORDER BY u.id, g.unit_id`.execute(db);
    return r.rows;
  },

  /** A random sample of active citizens and businesses with an e-mail address. */
  async applicantSample(db: Executor, size: number): Promise<string[]> {
    const r = await sql<{ id: string }>`
      SELECT id FROM app_user WHERE kind = 'applicant' AND active AND email IS NOT NULL
      ORDER BY random() LIMIT ${size}`.execute(db);
    return r.rows.map((x) => x.id);
  },

  /** The authority's top unit: where answers about the authority as a whole are counted. */
  async rootUnit(db: Executor): Promise<string | null> {
    const r = await db
      .selectFrom('unit')
      .select('id')
      .where('parent_id', 'is', null)
      .orderBy('created_at')
      .executeTakeFirst();
    return r?.id ?? null;
  },

  /** A person's invitations still open: sent, not answered or declined, not expired. */
  async openInvitationsOf(db: Executor, userId: string) {
    return db
      .selectFrom('survey_invitation as i')
      .innerJoin('survey_definition as d', 'd.id', 'i.definition_id')
      .select(['i.id', 'i.expires_at', 'i.sent_at', 'd.definition'])
      .where('i.recipient_user_id', '=', userId)
      .where('i.status', '=', 'sent')
      .where('i.expires_at', '>', sql<Date>`now()`)
      .orderBy('i.sent_at', 'desc')
      .execute();
  },

  async insertResponse(
    db: Executor,
    r: Breakdown & { definitionId: string; answers: Record<string, AnswerValue> },
  ): Promise<string> {
    const row = await db
      .insertInto('survey_response')
      .values({ definition_id: r.definitionId, answers: JSON.stringify(r.answers), ...breakdownColumns(r) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  async responses(db: Executor, f: ResultsFilter): Promise<ResponseRow[]> {
    if (f.definitionIds.length === 0 || f.unitIds.length === 0) return [];
    let q = db
      .selectFrom('survey_response')
      .select(['definition_id', 'unit_id', 'case_type_id', 'outcome', 'channel', 'answered_at', 'answers'])
      .where('definition_id', 'in', f.definitionIds)
      .where('unit_id', 'in', f.unitIds);
    if (f.from) q = q.where('answered_at', '>=', sql<Date>`${f.from}::date`);
    if (f.to) q = q.where('answered_at', '<', sql<Date>`${f.to}::date + 1`);
    if (f.caseTypeId) q = q.where('case_type_id', '=', f.caseTypeId);
    if (f.outcome) q = q.where('outcome', '=', f.outcome);
    if (f.channel) q = q.where('channel', '=', f.channel);
    return q.orderBy('answered_at').execute();
  },

  /** Invitations that reached someone, and how many of them were answered, per breakdown and quarter. */
  async invitationCounts(db: Executor, f: ResultsFilter): Promise<InvitationCount[]> {
    if (f.definitionIds.length === 0 || f.unitIds.length === 0) return [];
    const r = await sql<InvitationCount>`
      SELECT unit_id, case_type_id, outcome, channel,
             to_char(date_trunc('quarter', send_at AT TIME ZONE 'Europe/Copenhagen'), 'YYYY-"Q"Q') AS quarter,
             count(*)::int AS delivered,
             count(*) FILTER (WHERE status = 'answered')::int AS answered
      FROM survey_invitation
      WHERE definition_id IN (${sql.join(f.definitionIds)}) AND unit_id IN (${sql.join(f.unitIds)})
        AND status IN ('sent', 'answered', 'declined')
        ${f.from ? sql`AND send_at >= ${f.from}::date` : sql``}
        ${f.to ? sql`AND send_at < ${f.to}::date + 1` : sql``}
        ${f.caseTypeId ? sql`AND case_type_id = ${f.caseTypeId}` : sql``}
        ${f.outcome ? sql`AND outcome = ${f.outcome}` : sql``}
        ${f.channel ? sql`AND channel = ${f.channel}` : sql``}
      GROUP BY 1, 2, 3, 4, 5`.execute(db);
    return r.rows;
  },

  async unitNames(db: Executor): Promise<{ id: string; name_da: string; name_en: string }[]> {
    return db.selectFrom('unit').select(['id', 'name_da', 'name_en']).execute();
  },

  async insertFollowUp(db: Executor, f: { responseId: string; unitId: string; score: number }): Promise<string> {
    const r = await db
      .insertInto('survey_follow_up')
      .values({ response_id: f.responseId, unit_id: f.unitId, score: f.score })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  },

  async followUps(db: Executor, unitIds: readonly string[], status?: 'open' | 'closed') {
    if (unitIds.length === 0) return [];
    let q = db
      .selectFrom('survey_follow_up as f')
      .innerJoin('survey_response as r', 'r.id', 'f.response_id')
      .innerJoin('survey_definition as d', 'd.id', 'r.definition_id')
      .innerJoin('unit as u', 'u.id', 'f.unit_id')
      .select([
        'f.id',
        'f.unit_id',
        'f.score',
        'f.status',
        'f.note',
        'f.created_at',
        'f.closed_at',
        'd.code',
        'r.case_type_id',
        'r.outcome',
        'u.name_da',
        'u.name_en',
      ])
      .where('f.unit_id', 'in', unitIds);
    if (status) q = q.where('f.status', '=', status);
    return q.orderBy('f.created_at', 'desc').limit(500).execute();
  },

  async followUp(db: Executor, id: string) {
    return db.selectFrom('survey_follow_up').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  async closeFollowUp(db: Executor, id: string, by: string, note: string): Promise<void> {
    await db
      .updateTable('survey_follow_up')
      .set({ status: 'closed', closed_at: sql<Date>`now()`, closed_by: by, note })
      .where('id', '=', id)
      .execute();
  },

  /** Bulk load of history brought in (the demo's two years): invitations and responses as given. */
  async importHistory(
    db: Executor,
    rows: {
      invitations: (NewInvitation & { status: InvitationStatus; sentAt: Date | null; closedAt: Date | null })[];
      responses: (Breakdown & { definitionId: string; answeredAt: Date; answers: Record<string, AnswerValue> })[];
    },
  ): Promise<void> {
    // One JSON parameter per chunk, unpacked by the server: a few statements for thousands of rows, fast on PGlite.
    const chunk = 5000;
    for (let i = 0; i < rows.invitations.length; i += chunk) {
      const batch = rows.invitations.slice(i, i + chunk).map((v) => ({
        definition_id: v.definitionId,
        unit_id: v.unitId,
        case_type_id: v.caseTypeId,
        outcome: v.outcome,
        channel: v.channel,
        waited_days: v.waitedDays,
        status: v.status,
        send_at: v.sendAt.toISOString(),
        sent_at: v.sentAt?.toISOString() ?? null,
        closed_at: v.closedAt?.toISOString() ?? null,
      }));
      await sql`
        INSERT INTO survey_invitation
          (definition_id, unit_id, case_type_id, outcome, channel, waited_days, status, send_at, sent_at, closed_at)
        SELECT definition_id, unit_id, case_type_id, outcome, channel, waited_days, status, send_at, sent_at, closed_at
        FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) AS x(
          definition_id uuid, unit_id uuid, case_type_id uuid, outcome text, channel text, waited_days integer,
          status text, send_at timestamptz, sent_at timestamptz, closed_at timestamptz)`.execute(db);
    }
    for (let i = 0; i < rows.responses.length; i += chunk) {
      const batch = rows.responses.slice(i, i + chunk).map((r) => ({
        definition_id: r.definitionId,
        unit_id: r.unitId,
        case_type_id: r.caseTypeId,
        outcome: r.outcome,
        channel: r.channel,
        waited_days: r.waitedDays,
        answered_at: r.answeredAt.toISOString(),
        answers: r.answers,
      }));
      await sql`
        INSERT INTO survey_response
          (definition_id, unit_id, case_type_id, outcome, channel, waited_days, answered_at, answers)
        SELECT definition_id, unit_id, case_type_id, outcome, channel, waited_days, answered_at, answers
        FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) AS x(
          definition_id uuid, unit_id uuid, case_type_id uuid, outcome text, channel text, waited_days integer,
          answered_at timestamptz, answers jsonb)`.execute(db);
    }
  },
};
