import { text } from 'node:stream/consumers';
import { sql } from 'kysely';
import { expect, test } from 'vitest';
import { readCsvText, readXesText } from '@sagsgang/mining';
import { describeEachEngine } from '../../../test/support/test-database.js';
import { generateDemoHistory } from '../demo/index.js';
import type { Database } from '../../platform/db/database.js';
import type { EventExportFilter } from '../cases/index.js';
import { eventLogStream } from './event-log-export.js';

const NOW = new Date('2026-06-01T12:00:00Z');

type Db = Database['db'];

/** Exports the filtered log in the three formats, reads each back and compares with the database; the case count. */
async function expectSameCounts(db: Db, filter: EventExportFilter): Promise<number> {
  const want = (
    await sql<{ cases: number; events: number; activities: number }>`
      SELECT count(DISTINCT f.id)::int AS cases, count(*)::int AS events, count(DISTINCT e.activity)::int AS activities
      FROM case_file f JOIN case_event e ON e.case_id = f.id
      WHERE f.unit_id = ANY(${filter.unitIds}::uuid[])
        AND (${filter.caseTypeId ?? null}::uuid IS NULL OR f.case_type_id = ${filter.caseTypeId ?? null}::uuid)
        AND (${filter.from ?? null}::date IS NULL OR f.received_at >= ${filter.from ?? null}::date)
        AND (${filter.to ?? null}::date IS NULL OR f.received_at < ${filter.to ?? null}::date + 1)`.execute(db)
  ).rows[0];
  const xes = await readXesText(await text(eventLogStream(db, 'xes', filter)));
  expect([xes.caseCount, xes.eventCount]).toEqual([want.cases, want.events]);
  expect(new Set(xes.caseIds).size).toBe(want.cases);

  const csvText = await text(eventLogStream(db, 'csv', filter));
  expect(csvText.split('\n')[0]).toBe('case:concept:name,concept:name,time:timestamp,org:group,case:type');
  // No mapping given: the mining package recognises pm4py's column names by themselves.
  const csv = await readCsvText(csvText);
  expect([csv.caseCount, csv.eventCount]).toEqual([want.cases, want.events]);

  const ocel = JSON.parse(await text(eventLogStream(db, 'ocel', filter))) as {
    objectTypes: { name: string }[];
    eventTypes: { name: string }[];
    objects: { id: string; type: string }[];
    events: { type: string; time: string; relationships: { objectId: string }[] }[];
  };
  expect(ocel.objects).toHaveLength(want.cases);
  expect(ocel.events).toHaveLength(want.events);
  const objects = new Set(ocel.objects.map((o) => o.id));
  expect(ocel.events.every((e) => e.relationships.every((r) => objects.has(r.objectId)))).toBe(true);
  const types = new Set(ocel.eventTypes.map((t) => t.name));
  expect(ocel.events.every((e) => types.has(e.type))).toBe(true);
  expect(new Set(ocel.events.map((e) => e.type)).size).toBe(want.activities);

  return want.cases;
}

describeEachEngine('event log export', (database) => {
  test('XES, OCEL 2.0 and pm4py CSV hold every filtered case and event, and read back to the same counts', async () => {
    const { db } = database();
    await generateDemoHistory(db, { cases: 1200, seed: 3, now: NOW });
    const unitIds = (await sql<{ id: string }>`SELECT id FROM unit`.execute(db)).rows.map((r) => r.id);
    const type = (
      await sql<{
        id: string;
      }>`SELECT case_type_id AS id FROM case_file GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`.execute(db)
    ).rows[0].id;
    const filter = { unitIds, caseTypeId: type, from: '2025-01-01', to: '2025-12-31' };
    const all = await expectSameCounts(db, { unitIds });
    // More than one page of cases, so the keyset paging is exercised.
    expect(all).toBeGreaterThan(1000);
    expect(await expectSameCounts(db, filter)).toBeLessThan(all);
    // Units outside the filter contribute nothing.
    expect(await text(eventLogStream(db, 'csv', { ...filter, unitIds: [] }))).toBe(
      'case:concept:name,concept:name,time:timestamp,org:group,case:type\n',
    );
  });
});
