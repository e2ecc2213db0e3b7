import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { STORE_KINDS, useStoreUnderTest } from '../../../test/support/s3-test-server.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
// Chunks of one byte prove the header is read across chunk boundaries.
const chunked = (b: Buffer) => Readable.from([...b].map((x) => Buffer.from([x])));

for (const kind of STORE_KINDS) {
  describe(`file store [${kind}]`, () => {
    const s = useStoreUnderTest(kind, 'files');

    test('keeps an accepted file under its sha256, outside any web root, and reads it back', async () => {
      const stored = await s().storage.store(chunked(PDF), () => false);
      expect(stored).toMatchObject({ detectedType: 'application/pdf', sizeBytes: PDF.length, truncated: false });
      expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(await s().has(stored.sha256)).toBe(true);
      expect((await s().storage.read(stored.sha256)).equals(PDF)).toBe(true);
      expect(await s().partials()).toEqual([]);
    });

    test('content stored once says so; stored again, it is not created anew, and the copy made first is not the one there', async () => {
      const bytes = Buffer.concat([PDF, Buffer.from(`% ${Math.random()}`)]);
      const first = await s().storage.store(Readable.from([bytes]), () => false);
      expect(first.createdVersion).toBeDefined();
      s().age(first.sha256, 24);
      const again = await s().storage.store(Readable.from([bytes]), () => false);
      expect(again).toMatchObject({ sha256: first.sha256, sizeBytes: bytes.length });
      expect(again.createdVersion).toBeUndefined();
      // Found again: neither the first upload's discard nor the sweep (it is young again) may take it.
      const unused = async () => false;
      expect(await s().storage.removeUnlessUsed(first.sha256, { version: first.createdVersion! }, unused)).toBeNull();
      const dayAgo = Date.now() - 23 * 3600_000;
      expect(await s().storage.removeUnlessUsed(first.sha256, { olderThanMs: dayAgo }, unused)).toBeNull();
      expect(await s().has(first.sha256)).toBe(true);
      expect(await s().partials()).toEqual([]);
    });

    test('the upload that created a file may remove it while nothing uses it; a used one stays', async () => {
      const bytes = Buffer.concat([PDF, Buffer.from(`% ${Math.random()}`)]);
      const stored = await s().storage.store(Readable.from([bytes]), () => false);
      const guard = { version: stored.createdVersion! };
      expect(await s().storage.removeUnlessUsed(stored.sha256, guard, async () => true)).toBeNull();
      expect(await s().has(stored.sha256)).toBe(true);
      expect(await s().storage.removeUnlessUsed(stored.sha256, guard, async () => false)).toBe(bytes.length);
      expect(await s().has(stored.sha256)).toBe(false);
    });

    test('two uploads of the same new content at once: both are stored under one name, at most one created it', async () => {
      const bytes = Buffer.concat([PDF, Buffer.from(`% ${Math.random()}`)]);
      const both = await Promise.all([0, 1].map(() => s().storage.store(chunked(bytes), () => false)));
      expect(both[0].sha256).toBe(both[1].sha256);
      const created = both.filter((f) => f.createdVersion !== undefined);
      // A folder tells them apart (a hard link never replaces); on S3 both may write, each with its own copy.
      if (kind === 'local') expect(created).toHaveLength(1);
      else expect(created.length).toBeGreaterThanOrEqual(1);
      // Whichever copy is there, a creator whose copy was replaced cannot remove it.
      const results = await Promise.all(
        created.map((f) => s().storage.removeUnlessUsed(f.sha256, { version: f.createdVersion! }, async () => true)),
      );
      expect(results.every((r) => r === null)).toBe(true);
      expect((await s().storage.read(both[0].sha256)).equals(bytes)).toBe(true);
    });

    test('does not keep a file whose content is no accepted type, whatever its name', async () => {
      const exe = Buffer.from('MZ\x90\x00 an executable named passport.pdf');
      const stored = await s().storage.store(Readable.from([exe]), () => false);
      expect(stored.detectedType).toBeNull();
      expect(await s().has(stored.sha256)).toBe(false);
      expect(await s().partials()).toEqual([]);
    });

    test('does not keep a file cut at the size limit', async () => {
      const stored = await s().storage.store(Readable.from([Buffer.concat([PDF, Buffer.from('cut')])]), () => true);
      expect(stored.truncated).toBe(true);
      expect(await s().has(stored.sha256)).toBe(false);
    });

    test('an upload that fails on the way in is the sender’s error, and leaves no file behind', async () => {
      const broken = new Readable({ read() {} });
      broken.push(PDF);
      setTimeout(() => broken.destroy(new Error('client went away')), 20);
      await expect(s().storage.store(broken, () => false)).rejects.toThrow('client went away');
      expect(await s().partials()).toEqual([]);
    });

    test('refuses to hand out a file that no longer matches its hash', async () => {
      const stored = await s().storage.store(Readable.from([Buffer.concat([PDF, Buffer.from('x')])]), () => false);
      await s().damage(stored.sha256, Buffer.from('%PDF-tampered'));
      await expect(s().storage.read(stored.sha256)).rejects.toThrow(/does not match/);
    });

    test('the marker is written once: a second claim finds the first', async () => {
      expect(await s().storage.readMarker()).toBeUndefined();
      expect(await s().storage.writeMarkerIfAbsent('first')).toBe('first');
      expect(await s().storage.writeMarkerIfAbsent('second')).toBe('first');
      expect(await s().storage.readMarker()).toBe('first');
    });
  });
}
