import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { readXes } from '../src/log/xes-reader.js';
import { readCsv } from '../src/log/csv-reader.js';
import { readPnml } from '../src/model/pnml-reader.js';
import { readOcel } from '../src/log/ocel.js';
import { readBpmnAsPetri } from '../src/model/bpmn-to-petri.js';
import { MiningError } from '../src/errors.js';
import { fixture } from './helpers.js';

type Edit = { kind: 'cut' | 'insert' | 'dup' | 'truncate'; at: number; len: number; text: string };

const edit: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom('cut', 'insert', 'dup', 'truncate'),
  at: fc.nat(),
  len: fc.integer({ min: 1, max: 40 }),
  text: fc.string({
    unit: fc.constantFrom('<', '>', '&', '"', "'", '/', '=', ' ', 'a', '\n', ';', ',', '{', '}', '#', 'ø', '\u0000'),
    maxLength: 8,
  }),
});

/** Applies random damage to a valid document. */
function damage(doc: string, edits: Edit[]): string {
  let s = doc;
  for (const e of edits) {
    const at = e.at % Math.max(1, s.length);
    if (e.kind === 'cut') s = s.slice(0, at) + s.slice(at + e.len);
    else if (e.kind === 'insert') s = s.slice(0, at) + e.text + s.slice(at);
    else if (e.kind === 'dup') s = s.slice(0, at + e.len) + s.slice(at, at + e.len) + s.slice(at + e.len);
    else s = s.slice(0, at);
  }
  return s;
}

/** The importer either returns a result or throws a MiningError; anything else is a bug. */
async function survives(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (e) {
    if (!(e instanceof MiningError)) throw new Error(`not a MiningError: ${(e as Error)?.stack ?? e}`);
    expect(e.code).toMatch(/^[a-z_]+$/);
  }
}

const small = (f: string, n = 6000) => readFileSync(fixture(f), 'utf8').slice(0, n);
// A short but complete XES document: the first two traces of the running example.
const xesDoc = (() => {
  const full = readFileSync(fixture('running-example.xes'), 'utf8');
  const second = full.indexOf('</trace>', full.indexOf('</trace>') + 1) + '</trace>'.length;
  return full.slice(0, second) + '\n</log>\n';
})();

describe('importers survive broken input (fuzzing)', () => {
  test('XES', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), async (edits) => {
        await survives(() => readXes(Buffer.from(damage(xesDoc, edits))));
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  test('XES split into arbitrary chunks parses the same as whole', async () => {
    const whole = await readXes(Buffer.from(xesDoc));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: xesDoc.length }), { maxLength: 12 }), async (cuts) => {
        const bytes = Buffer.from(xesDoc);
        const points = [...new Set(cuts.map((c) => c % bytes.length))].sort((a, b) => a - b);
        async function* chunks() {
          let prev = 0;
          for (const p of [...points, bytes.length]) {
            yield bytes.subarray(prev, p);
            prev = p;
          }
        }
        const log = await readXes(chunks());
        expect(log.caseIds).toEqual(whole.caseIds);
        expect(Array.from(log.timestamps)).toEqual(Array.from(whole.timestamps));
      }),
      { numRuns: 100 },
    );
  });

  test('truncated gzip is a typed error, at any cut', async () => {
    const gz = gzipSync(Buffer.from(xesDoc));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: gz.length - 1 }), async (cut) => {
        const err = await readXes(gz.subarray(0, cut)).then(
          () => null,
          (e) => e,
        );
        expect(err).toBeInstanceOf(MiningError);
        expect(['truncated_gzip', 'malformed_xml']).toContain(err.code);
      }),
      { numRuns: 80 },
    );
  });

  test('CSV', async () => {
    const doc = small('running-example.csv', 2000);
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), async (edits) => {
        await survives(() => readCsv(Buffer.from(damage(doc, edits))));
      }),
      { numRuns: 300 },
    );
  });

  test('PNML', async () => {
    const doc = readFileSync(fixture('running-example.im.pnml'), 'utf8');
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), async (edits) => {
        await survives(() => readPnml(Buffer.from(damage(doc, edits))));
      }),
      { numRuns: 200 },
    );
  });

  test('OCEL JSON and XML', async () => {
    const json = readFileSync(fixture('ocel20_example.jsonocel'), 'utf8');
    const xml = readFileSync(fixture('ocel20_example.xmlocel'), 'utf8');
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), fc.boolean(), async (edits, useXml) => {
        await survives(() => readOcel(Buffer.from(damage(useXml ? xml : json, edits))));
      }),
      { numRuns: 200 },
    );
  });

  test('BPMN', async () => {
    const doc = readFileSync(fixture('running-example.bpmn'), 'utf8');
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), async (edits) => {
        await survives(() => readBpmnAsPetri(damage(doc, edits)));
      }),
      { numRuns: 100 },
    );
  }, 60_000);
});
