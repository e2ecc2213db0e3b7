import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { readCsv } from '../src/log/csv-reader.js';
import { sniffEncoding } from '../src/log/input-stream.js';
import { MiningError } from '../src/errors.js';
import { main } from '../src/cli/main.js';
import { fixture } from './helpers.js';

// Written byte for byte as Danish Excel saves "CSV (semicolon separated)": Windows-1252, CRLF, æ ø å Æ Ø Å.
const excelFile = fixture('danish-excel-windows-1252.csv');
const excelBytes = readFileSync(excelFile);
const utf8Text = new TextDecoder('windows-1252').decode(excelBytes);

function expectDanishLetters(log: Awaited<ReturnType<typeof readCsv>>) {
  expect([...log.activityNames].sort()).toEqual(['Afgørelse truffet', 'Ansøgning modtaget', 'Høring af pårørende']);
  expect([...log.resourceNames].sort()).toEqual(['Søren Ærø', 'Åse Møller']);
  expect(log.caseAttributes.get('Kommune')?.values).toEqual(['Århus', 'Brøndby']);
  expect(log.caseCount).toBe(2);
  expect(log.eventCount).toBe(5);
  const everyText = [...log.activityNames, ...log.resourceNames].join('');
  expect(everyText).not.toContain('\uFFFD');
}

async function* chunks(...parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield p;
}

describe('CSV import in the encoding the file was saved in', () => {
  test('the fixture really is Windows-1252 (ø is the single byte F8, not valid UTF-8)', () => {
    expect(excelBytes.includes(0xf8)).toBe(true);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(excelBytes)).toThrow();
    expect(sniffEncoding(excelBytes)).toBe('windows-1252');
  });

  test('a Windows-1252 file is detected and read with its æøå intact', async () => {
    expectDanishLetters(await readCsv(excelFile));
  });

  test('detection also works through gzip', async () => {
    expectDanishLetters(await readCsv(gzipSync(excelBytes)));
  });

  test('choosing Windows-1252 reads it the same', async () => {
    expectDanishLetters(await readCsv(excelBytes, { encoding: 'windows-1252' }));
  });

  test('choosing UTF-8 for a Windows-1252 file is refused, not read garbled', async () => {
    const err = await readCsv(excelBytes, { encoding: 'utf-8', fileName: 'sager.csv' }).catch((e) => e);
    expect(err).toBeInstanceOf(MiningError);
    expect(err.code).toBe('bad_encoding');
    expect(err.message).toMatch(/not valid UTF-8.*Windows-1252/);
  });

  test('UTF-8 with and without a byte-order mark reads the same, the mark not part of the first column', async () => {
    const plain = Buffer.from(utf8Text, 'utf8');
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), plain]);
    expect(sniffEncoding(withBom)).toBe('utf-8');
    expectDanishLetters(await readCsv(plain));
    expectDanishLetters(await readCsv(withBom));
  });

  test('UTF-16 with a byte-order mark (Excel\'s "Unicode text") is read', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf8Text, 'utf16le')]);
    expect(sniffEncoding(utf16)).toBe('utf-16le');
    expectDanishLetters(await readCsv(utf16));
  });

  test('a stream that starts as UTF-8 and later holds a Windows-1252 byte is refused with where', async () => {
    const head = Buffer.from('case_id;activity\nS-1;Ansøgning\n', 'utf8');
    const tail = Buffer.from('S-2;H\xf8ring\n', 'latin1');
    const err = await readCsv(chunks(head, tail)).catch((e) => e);
    expect(err).toBeInstanceOf(MiningError);
    expect(err.code).toBe('bad_encoding');
    expect(err.position.byte).toBe(head.length);
  });

  test('a character split across chunks stays whole', async () => {
    const bytes = Buffer.from(utf8Text, 'utf8');
    const cut = bytes.indexOf(Buffer.from('ø', 'utf8')) + 1;
    expectDanishLetters(await readCsv(chunks(bytes.subarray(0, cut), bytes.subarray(cut))));
  });
});

describe('sagsgang-mine --encoding', () => {
  async function run(...args: string[]) {
    let out = '';
    let err = '';
    const code = await main([...args, '--no-progress'], { out: (s) => void (out += s), err: (s) => void (err += s) });
    return { code, out, err };
  }

  test('detects Windows-1252 by default, refuses it as UTF-8, and rejects an unknown encoding', async () => {
    const auto = await run('variants', excelFile, '--format', 'csv');
    expect(auto.code).toBe(0);
    expect(auto.out).toContain('Ansøgning modtaget');
    const asUtf8 = await run('variants', excelFile, '--encoding', 'utf-8');
    expect(asUtf8.code).toBe(3);
    expect(asUtf8.err).toContain('bad_encoding');
    expect((await run('variants', excelFile, '--encoding', 'latin9')).code).toBe(2);
  });
});
