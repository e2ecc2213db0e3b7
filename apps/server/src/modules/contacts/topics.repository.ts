import type { Insertable } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';
import type { ContactTopicTable, OpeningExceptionTable, OpeningHoursTable } from './contacts.tables.js';
import './contacts.tables.js';

export interface TopicRow {
  code: string;
  name_da: string;
  name_en: string;
  unit_id: string | null;
  can_resolve_da: string;
  can_resolve_en: string;
  must_forward_da: string;
  must_forward_en: string;
  standard_answers: unknown;
}

/** The authority's own topics with their telephone charter, and the opening hours of its sites. */
export const topicsRepository = {
  async all(db: Executor): Promise<TopicRow[]> {
    return db
      .selectFrom('contact_topic')
      .select([
        'code',
        'name_da',
        'name_en',
        'unit_id',
        'can_resolve_da',
        'can_resolve_en',
        'must_forward_da',
        'must_forward_en',
        'standard_answers',
      ])
      .orderBy('code')
      .execute();
  },

  async upsert(db: Executor, row: Insertable<ContactTopicTable>): Promise<void> {
    await db
      .insertInto('contact_topic')
      .values(row)
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          name_da: eb.ref('excluded.name_da'),
          name_en: eb.ref('excluded.name_en'),
          unit_id: eb.ref('excluded.unit_id'),
          can_resolve_da: eb.ref('excluded.can_resolve_da'),
          can_resolve_en: eb.ref('excluded.can_resolve_en'),
          must_forward_da: eb.ref('excluded.must_forward_da'),
          must_forward_en: eb.ref('excluded.must_forward_en'),
          standard_answers: eb.ref('excluded.standard_answers'),
          updated_at: new Date(),
        })),
      )
      .execute();
  },

  async openingHours(db: Executor): Promise<OpeningHoursTable[]> {
    return db.selectFrom('opening_hours').selectAll().orderBy('site').orderBy('channel').orderBy('weekday').execute();
  },

  async openingExceptions(db: Executor, from: string, to: string): Promise<OpeningExceptionTable[]> {
    return db
      .selectFrom('opening_exception')
      .selectAll()
      .where('day', '>=', from)
      .where('day', '<=', to)
      .orderBy('day')
      .execute();
  },

  async replaceOpeningHours(db: Executor, site: string, rows: OpeningHoursTable[]): Promise<void> {
    await db.deleteFrom('opening_hours').where('site', '=', site).execute();
    if (rows.length) await db.insertInto('opening_hours').values(rows).execute();
  },

  async addOpeningException(db: Executor, row: OpeningExceptionTable): Promise<void> {
    await db
      .insertInto('opening_exception')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['site', 'channel', 'day']).doUpdateSet((eb) => ({
          opens_min: eb.ref('excluded.opens_min'),
          closes_min: eb.ref('excluded.closes_min'),
          reason: eb.ref('excluded.reason'),
        })),
      )
      .execute();
  },
};
