import { describe, expect, test } from 'vitest';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { STORE_KINDS, useStoreUnderTest } from '../../../test/support/s3-test-server.js';
import { claimFileStore, databaseIdentity, FILE_STORE_MARKER } from './file-store-identity.js';

const OTHER = '00000000-0000-4000-8000-000000000000';

for (const kind of STORE_KINDS) {
  for (const engine of ENGINES) {
    describe(`the file store belongs to one database [${kind}, ${engine}]`, () => {
      const s = useStoreUnderTest(kind, `identity-${engine}`);
      const t = useTestApp(engine, () => s().config);
      const ready = () => t().app.inject({ method: 'GET', url: '/api/health/ready' });

      test("start-up refuses another database's store, and leaves its marker alone", async () => {
        await s().setEntry(FILE_STORE_MARKER, `${OTHER}\n`);
        await expect(claimFileStore(t().database.pool, t().ctx.files)).rejects.toThrow(
          /belongs to another database \(00000000-0000-4000-8000-000000000000\)/,
        );
        expect(await s().storage.readMarker()).toBe(OTHER);
        await s().setEntry(FILE_STORE_MARKER, undefined);
      });

      test('start-up claims an unmarked store, and claims it again on the next start', async () => {
        const id = await claimFileStore(t().database.pool, t().ctx.files);
        expect(id).toBe(await databaseIdentity(t().database.pool));
        expect(await s().storage.readMarker()).toBe(id);
        expect(await claimFileStore(t().database.pool, t().ctx.files)).toBe(id);
      });

      test('readiness fails when the claimed store loses its marker or carries another', async () => {
        t().ctx.lifecycle.fileStoreIdentity = await claimFileStore(t().database.pool, t().ctx.files);
        const ok = await ready();
        expect(ok.statusCode).toBe(200);
        expect(ok.json()).toMatchObject({ status: 'ok', files: 'ok' });

        const id = await s().storage.readMarker();
        await s().setEntry(FILE_STORE_MARKER, undefined); // as a shared folder that was not mounted
        const missing = await ready();
        expect(missing.statusCode).toBe(503);
        expect(missing.json()).toMatchObject({ status: 'unavailable', database: 'ok', files: 'missing' });

        await s().setEntry(FILE_STORE_MARKER, `${OTHER}\n`);
        const foreign = await ready();
        expect(foreign.statusCode).toBe(503);
        expect(foreign.json()).toMatchObject({ status: 'unavailable', files: 'foreign' });

        await s().setEntry(FILE_STORE_MARKER, id);
        expect((await ready()).statusCode).toBe(200);
      });
    });
  }
}
