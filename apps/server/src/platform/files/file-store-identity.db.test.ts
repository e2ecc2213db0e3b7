import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { claimFileStore, databaseIdentity, FILE_STORE_MARKER } from './file-store-identity.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-store-identity-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

for (const engine of ENGINES) {
  describe(`the file store belongs to one database [${engine}]`, () => {
    const fileDir = path.join(root, engine, 'files');
    const t = useTestApp(engine, { fileDir });
    const marker = () => path.join(fileDir, FILE_STORE_MARKER);
    const ready = () => t().app.inject({ method: 'GET', url: '/api/health/ready' });

    test('start-up claims an unmarked store, and claims it again on the next start', async () => {
      const id = await claimFileStore(t().database.pool, fileDir);
      expect(id).toBe(await databaseIdentity(t().database.pool));
      expect(fs.readFileSync(marker(), 'utf8').trim()).toBe(id);
      expect(await claimFileStore(t().database.pool, fileDir)).toBe(id);
    });

    test("start-up refuses another database's store, and leaves its marker alone", async () => {
      const foreignDir = path.join(root, engine, 'foreign');
      fs.mkdirSync(foreignDir, { recursive: true });
      const otherId = '00000000-0000-4000-8000-000000000000';
      fs.writeFileSync(path.join(foreignDir, FILE_STORE_MARKER), `${otherId}\n`);
      await expect(claimFileStore(t().database.pool, foreignDir)).rejects.toThrow(
        /belongs to another database \(00000000-0000-4000-8000-000000000000\)/,
      );
      expect(fs.readFileSync(path.join(foreignDir, FILE_STORE_MARKER), 'utf8').trim()).toBe(otherId);
    });

    test('readiness fails when the claimed store loses its marker or carries another', async () => {
      t().ctx.lifecycle.fileStoreIdentity = await claimFileStore(t().database.pool, fileDir);
      const ok = await ready();
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ status: 'ok', files: 'ok' });

      const id = fs.readFileSync(marker(), 'utf8');
      fs.rmSync(marker()); // as a shared folder that was not mounted
      const missing = await ready();
      expect(missing.statusCode).toBe(503);
      expect(missing.json()).toMatchObject({ status: 'unavailable', database: 'ok', files: 'missing' });

      fs.writeFileSync(marker(), '00000000-0000-4000-8000-000000000000\n');
      const foreign = await ready();
      expect(foreign.statusCode).toBe(503);
      expect(foreign.json()).toMatchObject({ status: 'unavailable', files: 'foreign' });

      fs.writeFileSync(marker(), id);
      expect((await ready()).statusCode).toBe(200);
    });
  });
}
