import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { readXes, readXesText } from '../src/log/xes-reader.js';
import { xesToString } from '../src/log/xes-writer.js';
import { writeCsv } from '../src/log/csv-writer.js';
import { readCsvText } from '../src/log/csv-reader.js';
import { flattenOcel, logToOcel, readOcel, writeOcelJson } from '../src/log/ocel.js';
import { caseEventsToLog } from '../src/log/case-events-adapter.js';
import type { EventLog } from '../src/log/event-log.js';
import { fixture } from './helpers.js';

/** A comparable summary of everything a log holds. */
function snapshot(log: EventLog) {
  return log.caseIds.map((id, c) => ({
    id,
    events: Array.from({ length: log.caseOffsets[c + 1] - log.caseOffsets[c] }, (_, k) => {
      const e = log.caseOffsets[c] + k;
      return {
        a: log.activityNames[log.activities[e]],
        t: log.timestamps[e],
        r: log.resources[e] >= 0 ? log.resourceNames[log.resources[e]] : null,
        attrs: Object.fromEntries(
          [...log.eventAttributes]
            .filter(([, col]) => col.values[e] !== undefined)
            .map(([k2, col]) => [k2, col.values[e]]),
        ),
      };
    }),
    caseAttrs: Object.fromEntries(
      [...log.caseAttributes].filter(([, col]) => col.values[c] !== undefined).map(([k, col]) => [k, col.values[c]]),
    ),
  }));
}

describe('round trips', () => {
  test.each(['running-example.xes', 'roadtraffic100traces.xes'])(
    'XES write then read gives the same log: %s',
    async (f) => {
      const log = await readXes(fixture(f));
      const again = await readXesText(xesToString(log));
      expect(snapshot(again)).toEqual(snapshot(log));
      expect(again.variants().length).toBe(log.variants().length);
    },
  );

  test('XES round trip holds for generated logs (property)', async () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '<', '&', '"', ' ', 'æ', '\n'), maxLength: 6 });
    const rows = fc.array(
      fc.record({
        caseId: fc.constantFrom('c1', 'c2', 'c&3'),
        activity: text.filter((s) => s.length > 0),
        timestamp: fc.integer({ min: 0, max: 4e12 }),
        actor: text,
      }),
      { minLength: 1, maxLength: 20 },
    );
    await fc.assert(
      fc.asyncProperty(rows, async (r) => {
        const log = caseEventsToLog(r.map((x) => ({ ...x, attributes: { n: x.timestamp % 7, note: x.actor } })));
        expect(snapshot(await readXesText(xesToString(log)))).toEqual(snapshot(log));
      }),
      { numRuns: 40 },
    );
  });

  test('CSV write then read gives the same traces and times', async () => {
    const log = await readXes(fixture('running-example.xes'));
    const again = await readCsvText([...writeCsv(log)].join(''));
    const strip = (l: EventLog) => snapshot(l).map((c) => ({ id: c.id, events: c.events.map((e) => [e.a, e.t, e.r]) }));
    expect(strip(again)).toEqual(strip(log));
  });

  test('OCEL JSON: read, write, read again gives the same object-centric log', async () => {
    const ocel = await readOcel(fixture('ocel20_example.jsonocel'));
    expect(ocel.objects).toHaveLength(9);
    expect(ocel.events).toHaveLength(13);
    const again = await readOcel(Buffer.from(writeOcelJson(ocel)));
    expect(again).toEqual(ocel);
  });

  test('a case log through OCEL and back (flattened on its case type) is the same log', async () => {
    const log = await readXes(fixture('running-example.xes'));
    const back = flattenOcel(await readOcel(Buffer.from(writeOcelJson(logToOcel(log)))), 'case');
    const strip = (l: EventLog) => snapshot(l).map((c) => ({ id: c.id, events: c.events.map((e) => [e.a, e.t]) }));
    expect(strip(back)).toEqual(strip(log));
  });

  test('OCEL XML and JSON examples flatten to the same purchase-order traces', async () => {
    const json = flattenOcel(await readOcel(fixture('ocel20_example.jsonocel')), 'Purchase Order');
    const xml = flattenOcel(await readOcel(fixture('ocel20_example.xmlocel')), 'Purchase Order');
    expect(json.caseCount).toBeGreaterThan(0);
    expect(xml.caseIds).toEqual(json.caseIds);
    expect(xml.caseIds.map((_, c) => xml.traceNames(c))).toEqual(json.caseIds.map((_, c) => json.traceNames(c)));
  });
});

describe('platform case events', () => {
  test('rows in any order become time-ordered cases with actor and unit', () => {
    const log = caseEventsToLog([
      { caseId: 'S-2', activity: 'Afgørelse', timestamp: '2026-03-02T10:00:00Z', actor: 'kb', unit: 'Byg' },
      {
        caseId: 'S-1',
        activity: 'Modtaget',
        timestamp: new Date('2026-03-01T08:00:00Z'),
        actor: 'ab',
        unit: 'Miljø',
        attributes: { frist: new Date('2026-04-01T00:00:00Z') },
      },
      { caseId: 'S-2', activity: 'Modtaget', timestamp: Date.parse('2026-03-01T09:00:00Z'), actor: null },
    ]);
    expect(log.caseIds).toEqual(['S-2', 'S-1']);
    expect(log.traceNames(0)).toEqual(['Modtaget', 'Afgørelse']);
    expect(log.resourceNames[log.resources[1]]).toBe('kb');
    expect(log.eventAttributes.get('org:group')?.values[1]).toBe('Byg');
    expect(log.eventAttributes.get('frist')?.type).toBe('date');
  });

  test('a row without case id is refused with its row number', () => {
    expect(() => caseEventsToLog([{ caseId: '', activity: 'A', timestamp: 0 }])).toThrow(/caseId/);
  });
});
