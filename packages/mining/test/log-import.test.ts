import { describe, expect, test } from 'vitest';
import { readXes, readXesText } from '../src/log/xes-reader.js';
import { readCsv } from '../src/log/csv-reader.js';
import { discoverDfg } from '../src/discovery/dfg.js';
import { variantTable } from '../src/discovery/variants.js';
import { MiningError } from '../src/errors.js';
import { fixture, hasShared, shared } from './helpers.js';

describe('XES import', () => {
  test('running example: cases, events, activities, variants, typed columns', async () => {
    const log = await readXes(fixture('running-example.xes'));
    expect(log.caseCount).toBe(6);
    expect(log.eventCount).toBe(42);
    expect(log.activityNames).toHaveLength(8);
    expect(log.variants()).toHaveLength(6);
    expect(log.caseIds[0]).toBe('3');
    expect(log.traceNames(0).slice(0, 2)).toEqual(['register request', 'examine casually']);
    expect(log.resourceNames[log.resources[0]]).toBe('Pete');
    expect(new Date(log.timestamps[0]).toISOString()).toBe('2010-12-30T13:32:00.000Z');
    expect(log.eventAttributes.get('Costs')?.values[0]).toBe('50');
    expect(log.caseAttributes.get('creator')?.values[0]).toBe('Fluxicon Nitro');
  });

  test('nested and list attributes are skipped without failing', async () => {
    const xml = `<log><trace><string key="concept:name" value="c1"/>
      <list key="l"><string key="x" value="1"/></list>
      <event><string key="concept:name" value="A"/><float key="f" value="1.5"><int key="inner" value="2"/></float>
      <container key="k"><string key="y" value="2"/></container></event></trace></log>`;
    const log = await readXesText(xml);
    expect(log.eventCount).toBe(1);
    expect(log.eventAttributes.get('f')?.values[0]).toBe(1.5);
    expect(log.eventAttributes.has('inner')).toBe(false);
  });

  test('a trace without case id is a typed error with a line', async () => {
    const xml = `<log>\n<trace>\n<event><string key="concept:name" value="A"/></event>\n</trace></log>`;
    const err = await readXesText(xml).catch((e) => e);
    expect(err).toBeInstanceOf(MiningError);
    expect(err.code).toBe('missing_case_id');
    expect(err.position.line).toBe(4);
  });

  test('a wrong timestamp names the value and line', async () => {
    const xml = `<log><trace><string key="concept:name" value="c"/>\n<event><string key="concept:name" value="A"/>\n<date key="time:timestamp" value="yesterday"/></event></trace></log>`;
    const err = await readXesText(xml).catch((e) => e);
    expect(err.code).toBe('bad_timestamp');
    expect(err.message).toContain('yesterday');
    expect(err.position.line).toBe(3);
  });

  test('malformed XML is a typed error', async () => {
    const err = await readXesText('<log><trace></event></log>').catch((e) => e);
    expect(err).toBeInstanceOf(MiningError);
    expect(err.code).toBe('malformed_xml');
  });

  test('a cancelled import rejects with code aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    const err = await readXes(fixture('roadtraffic100traces.xes'), { signal: ac.signal }).catch((e) => e);
    expect(err.code).toBe('aborted');
  });

  test('an endless stream is read incrementally and can be cancelled mid-way', async () => {
    const ac = new AbortController();
    let produced = 0;
    async function* endless() {
      yield Buffer.from('<log>');
      for (let i = 0; ; i++) {
        produced++;
        yield Buffer.from(
          `<trace><string key="concept:name" value="c${i}"/><event><string key="concept:name" value="A"/></event></trace>`.repeat(
            50,
          ),
        );
        await new Promise((r) => setImmediate(r));
      }
    }
    const p = readXes(endless(), { signal: ac.signal, onProgress: (bytes) => bytes > 2_000_000 && ac.abort() });
    const err = await p.catch((e) => e);
    expect(err).toBeInstanceOf(MiningError);
    expect(err.code).toBe('aborted');
    expect(produced).toBeGreaterThan(10);
  });

  test.skipIf(!hasShared)('gzipped real logs match the reference counts', async () => {
    const receipt = await readXes(shared('receipt.xes.gz'));
    expect([receipt.caseCount, receipt.eventCount, receipt.activityNames.length, receipt.variants().length]).toEqual([
      1434, 8577, 27, 116,
    ]);
    const dom = await readXes(shared('BPI_2020_DomesticDeclarations.xes.gz'));
    expect([dom.caseCount, dom.eventCount, dom.activityNames.length, dom.variants().length]).toEqual([
      10500, 56437, 17, 99,
    ]);
    expect(receipt.caseAttributes.get('deadline')?.type).toBe('date');
  });
});

describe('CSV import', () => {
  test('running example CSV equals the XES log', async () => {
    const csv = await readCsv(fixture('running-example.csv'));
    const xes = await readXes(fixture('running-example.xes'));
    expect(csv.caseCount).toBe(6);
    expect(csv.eventCount).toBe(42);
    const traces = (l: typeof csv) => Object.fromEntries(l.caseIds.map((id, c) => [id, l.traceNames(c)]));
    expect(traces(csv)).toEqual(traces(xes));
    expect(csv.caseAttributes.get('creator')?.values[0]).toBe('Fluxicon Nitro');
  });

  test('explicit mapping, quoting and a missing case id', async () => {
    const text =
      'id;what;when;who;note\n1;A;2020-01-01 10:00;ann;"x;""y"""\n1;B;2020-01-01 09:00;bob;\n;C;2020-01-02;ann;\n';
    const err = await readCsv(Buffer.from(text), {
      mapping: { case: 'id', activity: 'what', timestamp: 'when', resource: 'who' },
    }).catch((e) => e);
    expect(err.code).toBe('missing_case_id');
    expect(err.position.row).toBe(4);
    const ok = await readCsv(Buffer.from(text.split('\n').slice(0, 3).join('\n')), {
      mapping: { case: 'id', activity: 'what', timestamp: 'when', resource: 'who' },
    });
    expect(ok.traceNames(0)).toEqual(['B', 'A']);
    expect(ok.eventAttributes.get('note')?.values[1]).toBe('x;"y"');
  });
});

describe('variants and directly-follows graph', () => {
  test('running example DFG counts and durations', async () => {
    const log = await readXes(fixture('running-example.xes'));
    const dfg = discoverDfg(log);
    const id = (n: string) => log.activityNames.indexOf(n);
    const edge = dfg.edges.find((e) => e.from === id('register request') && e.to === id('examine casually'))!;
    expect(edge.count).toBe(3);
    expect(dfg.startCounts[id('register request')]).toBe(6);
    expect(dfg.edges.reduce((s, e) => s + e.count, 0)).toBe(42 - 6);
    // cases 3, 6 and 5: 34 min, 64 min and 25 h 14 min.
    expect(edge.meanMs).toBeCloseTo(((34 + 64 + 1514) / 3) * 60_000, 3);
    expect(edge.medianMs).toBe(64 * 60_000);
    const rows = variantTable(log);
    expect(rows.reduce((s, r) => s + r.count, 0)).toBe(6);
  });
});
