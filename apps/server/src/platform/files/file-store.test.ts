import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, test } from 'vitest';
import { readStored, storeUpload, storedPath } from './file-store.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-files-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
// Chunks of one byte prove the header is read across chunk boundaries.
const chunked = (b: Buffer) => Readable.from([...b].map((x) => Buffer.from([x])));

describe('file store', () => {
  test('keeps an accepted file under its sha256, outside any web root, and reads it back', async () => {
    const stored = await storeUpload(dir, chunked(PDF), () => false);
    expect(stored).toMatchObject({ detectedType: 'application/pdf', sizeBytes: PDF.length, truncated: false });
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.existsSync(storedPath(dir, stored.sha256))).toBe(true);
    expect((await readStored(dir, stored.sha256)).equals(PDF)).toBe(true);
    expect(fs.readdirSync(path.join(dir, 'tmp'))).toEqual([]);
  });

  test('content stored once says so; stored again, it is not created anew but its mtime is set to now', async () => {
    const bytes = Buffer.concat([PDF, Buffer.from(`% ${Math.random()}`)]);
    const first = await storeUpload(dir, Readable.from([bytes]), () => false);
    const file = storedPath(dir, first.sha256);
    expect(first.createdMtimeMs).toBe(fs.statSync(file).mtimeMs);
    const dayAgo = new Date(Date.now() - 24 * 3600_000);
    fs.utimesSync(file, dayAgo, dayAgo);
    const again = await storeUpload(dir, Readable.from([bytes]), () => false);
    expect(again).toMatchObject({ sha256: first.sha256, sizeBytes: bytes.length });
    expect(again.createdMtimeMs).toBeUndefined();
    expect(Date.now() - fs.statSync(file).mtimeMs).toBeLessThan(60_000);
    expect(fs.readdirSync(path.join(dir, 'tmp'))).toEqual([]);
  });

  test('two uploads of the same new content at once: one creates the file, the other finds it', async () => {
    const bytes = Buffer.concat([PDF, Buffer.from(`% ${Math.random()}`)]);
    const both = await Promise.all([0, 1].map(() => storeUpload(dir, chunked(bytes), () => false)));
    const created = both.filter((s) => s.createdMtimeMs !== undefined);
    expect(created).toHaveLength(1);
    // Found again within the same instant: the mtime still moves, so the creator sees it is not alone.
    expect(fs.statSync(storedPath(dir, created[0].sha256)).mtimeMs).toBeGreaterThan(created[0].createdMtimeMs!);
    expect((await readStored(dir, both[0].sha256)).equals(bytes)).toBe(true);
  });

  test('does not keep a file whose content is no accepted type, whatever its name', async () => {
    const stored = await storeUpload(
      dir,
      Readable.from([Buffer.from('MZ\x90\x00 an executable named passport.pdf')]),
      () => false,
    );
    expect(stored.detectedType).toBeNull();
    expect(fs.existsSync(storedPath(dir, stored.sha256))).toBe(false);
  });

  test('does not keep a file cut at the size limit', async () => {
    const stored = await storeUpload(dir, Readable.from([Buffer.concat([PDF, Buffer.from('cut')])]), () => true);
    expect(stored.truncated).toBe(true);
    expect(fs.existsSync(storedPath(dir, stored.sha256))).toBe(false);
  });

  test('refuses to hand out a file that no longer matches its hash', async () => {
    const stored = await storeUpload(dir, Readable.from([Buffer.concat([PDF, Buffer.from('x')])]), () => false);
    fs.writeFileSync(storedPath(dir, stored.sha256), Buffer.from('%PDF-tampered'));
    await expect(readStored(dir, stored.sha256)).rejects.toThrow(/does not match/);
  });
});
