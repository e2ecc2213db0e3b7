import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { MiningError, readCsv, readOcel, readXes } from '../src/index.js';

const MiB = 1 << 20;

/** A source handing over `text` in chunks of `size` bytes, as a network or gunzip stream would. */
async function* inChunks(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

const logWithValue = (value: string) =>
  Buffer.from(
    '<?xml version="1.0"?>\n<log>\n<trace><string key="concept:name" value="c1"/>\n' +
      `<event><string key="concept:name" value="a"/><string key="note" value="${value}"/></event>\n</trace>\n</log>\n`,
  );

async function refusal(p: Promise<unknown>): Promise<MiningError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MiningError);
  return err as MiningError;
}

describe('import limits', () => {
  test('one value longer than many chunks is read in linear time, whole', async () => {
    const value = 'v'.repeat(32 * MiB);
    const t0 = performance.now();
    const log = await readXes(inChunks(logWithValue(value), 64 * 1024), { limits: { maxTokenBytes: 64 * MiB } });
    const seconds = (performance.now() - t0) / 1000;
    expect(log.eventAttributes.get('note')?.values[0]).toBe(value);
    // Regrowing the value at every 64 KiB chunk (quadratic) took minutes here.
    expect(seconds).toBeLessThan(10);
  });

  test('an element past maxTokenBytes is refused, naming the limit', async () => {
    const err = await refusal(
      readXes(inChunks(logWithValue('v'.repeat(3 * MiB)), 64 * 1024), { limits: { maxTokenBytes: MiB } }),
    );
    expect(err.code).toBe('limit_exceeded');
    expect(err.limit).toEqual({ name: 'maxTokenBytes', value: MiB });
    expect(err.message).toMatch(/maxTokenBytes \(1048576\)/);
  });

  test('input that decompresses past maxDecompressedBytes is refused while it is read', async () => {
    const gz = gzipSync(Buffer.concat([logWithValue('x').subarray(0, 60), Buffer.alloc(64 * MiB, ' ')]));
    expect(gz.length).toBeLessThan(MiB);
    const err = await refusal(readXes(gz, { limits: { maxDecompressedBytes: 8 * MiB } }));
    expect(err.limit).toEqual({ name: 'maxDecompressedBytes', value: 8 * MiB });
  });

  test('a log past maxEvents is refused, in XES and in CSV', async () => {
    const events = Array.from({ length: 11 }, () => '<event><string key="concept:name" value="a"/></event>').join('');
    const xes = `<log><trace><string key="concept:name" value="c1"/>${events}</trace></log>`;
    expect((await readXes(Buffer.from(xes), { limits: { maxEvents: 11 } })).eventCount).toBe(11);
    expect((await refusal(readXes(Buffer.from(xes), { limits: { maxEvents: 10 } }))).limit?.name).toBe('maxEvents');
    const csv = 'case,activity\n' + Array.from({ length: 11 }, (_, i) => `c${i},a`).join('\n');
    expect((await refusal(readCsv(Buffer.from(csv), { limits: { maxEvents: 10 } }))).limit?.name).toBe('maxEvents');
  });

  test('a CSV row past maxTokenBytes is refused, also when it never ends', async () => {
    const quoted = `case,activity,note\nc1,a,"${'n'.repeat(2 * MiB)}"\n`;
    const err = await refusal(readCsv(inChunks(Buffer.from(quoted), 64 * 1024), { limits: { maxTokenBytes: MiB } }));
    expect(err.limit).toEqual({ name: 'maxTokenBytes', value: MiB });
    const endless = `case,activity\n${'c1,'.repeat(MiB)}`;
    expect((await refusal(readCsv(Buffer.from(endless), { limits: { maxTokenBytes: MiB } }))).code).toBe(
      'limit_exceeded',
    );
    // A long row within the limit is read whole.
    const ok = `case,activity,note\nc1,a,"${'n'.repeat(200_000)}"\n`;
    const log = await readCsv(inChunks(Buffer.from(ok), 4096), { limits: { maxTokenBytes: MiB } });
    expect(String(log.eventAttributes.get('note')?.values[0]).length).toBe(200_000);
  });

  test('a document type declaration with definitions (entity expansion, external entities) is refused', async () => {
    const laughs = '<!DOCTYPE log [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>';
    const err = await refusal(readXes(Buffer.from(`${laughs}<log></log>`)));
    expect(err.code).toBe('malformed_xml');
    expect(err.message).toMatch(/document type declaration/);
    const external = '<!DOCTYPE log [<!ENTITY x SYSTEM "file:///etc/passwd">]><log></log>';
    expect((await refusal(readXes(Buffer.from(external)))).message).toMatch(/document type declaration/);
  });

  test('lines are still counted right after an element that spanned many chunks', async () => {
    const text = `<log>\n<!-- ${'c'.repeat(300_000)}\n\n -->\n<trace>\n</log>\n`;
    const err = await refusal(readXes(inChunks(Buffer.from(text), 1000)));
    expect(err.message).toMatch(/line 6/);
  });
});

describe('import limits of the XML models and object-centric logs', () => {
  const ocelXml = (value: string) =>
    Buffer.from(
      '<?xml version="1.0"?>\n<log><object-types><object-type name="order"><attributes/></object-type></object-types>' +
        '<event-types><event-type name="place"><attributes/></event-type></event-types>' +
        `<objects><object id="o1" type="order"><attributes/><objects/></object></objects><events>` +
        `<event id="e1" type="place" time="2024-01-01T00:00:00Z" note="${value}"><attributes/><objects>` +
        '<relationship object-id="o1" qualifier=""/></objects></event></events></log>\n',
    );

  test('one attribute longer than many chunks is read in linear time; past maxTokenBytes it is refused', async () => {
    const t0 = performance.now();
    const ocel = await readOcel(inChunks(ocelXml('v'.repeat(16 * MiB)), 64 * 1024), {
      limits: { maxTokenBytes: 32 * MiB },
    });
    expect(ocel.events).toHaveLength(1);
    expect((performance.now() - t0) / 1000).toBeLessThan(10);
    const err = await refusal(
      readOcel(inChunks(ocelXml('v'.repeat(3 * MiB)), 64 * 1024), { limits: { maxTokenBytes: MiB } }),
    );
    expect(err.limit).toEqual({ name: 'maxTokenBytes', value: MiB });
  });
});
