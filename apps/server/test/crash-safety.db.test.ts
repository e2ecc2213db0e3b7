import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../src/platform/db/database.js';
import { DEMO_PASSWORD } from '../src/modules/demo/index.js';
import { ENGINES } from './support/test-database.js';
import { signInOverHttp, startServerProcess, type HttpSession, type ServerProcess } from './support/server-process.js';
import { createEmptyPostgres } from './support/throwaway-postgres.js';

// Crash safety: a caseworker's notes are written as fast as the server takes them; the server is killed with
// SIGKILL mid-load and started again on the same data, and every note it acknowledged must be there. On PostgreSQL
// and on the embedded database in a data directory.

// Load runs at least MIN_LOAD_MS and until TARGET_ACKS writes are acknowledged or MAX_LOAD_MS has passed.
const MIN_LOAD_MS = 2_000;
const MAX_LOAD_MS = 8_000;
const TARGET_ACKS = 150;
const WRITERS = 4;
const TIMEOUT_MS = 300_000; // two starts of a fresh embedded database on a busy machine

interface Acknowledged {
  caseId: string;
  eventId: number;
}

/** One writer: notes on one case, one after another, each with the version the last answer gave. */
async function writeNotes(session: HttpSession, caseId: string, version: number, acks: Acknowledged[]) {
  let attempted = 0;
  for (;;) {
    attempted++;
    let response: Response;
    try {
      response = await session.post(`/api/cases/${caseId}/notes`, {
        expectedVersion: version,
        kind: 'internal',
        who: 'Crash test',
        when: new Date(Date.now() - 1000).toISOString(),
        what: `Note ${attempted} on ${caseId}`,
      });
    } catch {
      return; // the server is gone
    }
    const body = (await response.json().catch(() => undefined)) as { version: number; eventId: number } | undefined;
    if (response.status !== 200 || !body) throw new Error(`a note gave ${response.status} before the crash`);
    acks.push({ caseId, eventId: body.eventId });
    version = body.version;
  }
}

async function storedEventIds(
  query: (text: string, values: unknown[]) => Promise<{ rows: { id: number }[] }>,
  ids: number[],
) {
  const { rows } = await query('SELECT id FROM case_event WHERE id = ANY($1::bigint[])', [ids]);
  return new Set(rows.map((r) => Number(r.id)));
}

const cleanups: (() => Promise<void> | void)[] = [];
const running: ServerProcess[] = [];
afterAll(async () => {
  for (const server of running) if (server.child.exitCode === null) server.signal('SIGKILL');
  for (const cleanup of cleanups) await cleanup();
});

for (const engine of ENGINES) {
  describe(`crash safety [${engine}]`, () => {
    test(
      'every write acknowledged before a SIGKILL is there after the restart',
      async () => {
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-crash-'));
        cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
        const env: Record<string, string> = { SAGSGANG_DATA_DIR: dataDir, SAGSGANG_DEMO_CASES: '30' };
        if (engine === 'postgres') {
          const database = await createEmptyPostgres('sagsgang_crash');
          cleanups.push(() => database.drop());
          env.DATABASE_URL = database.url;
        }

        const first = await startServerProcess({ env });
        running.push(first);
        const session = await signInOverHttp(first.url, 'sagsbehandler', DEMO_PASSWORD);
        const cases: { id: string; version: number }[] = [];
        for (let i = 0; i < WRITERS; i++) {
          const opened = await session.post('/api/cases', {
            caseTypeCode: 'family-reunification',
            channel: 'digital',
            applicant: { name: `Crash test applicant ${i}` },
          });
          expect(opened.status).toBe(201);
          cases.push((await opened.json()) as { id: string; version: number });
        }

        const acks: Acknowledged[] = [];
        const writers = cases.map((c) => writeNotes(session, c.id, c.version, acks));
        const loadStarted = Date.now();
        while (
          Date.now() - loadStarted < MIN_LOAD_MS ||
          (acks.length < TARGET_ACKS && Date.now() - loadStarted < MAX_LOAD_MS)
        ) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const acknowledgedAtKill = acks.length;
        first.signal('SIGKILL');
        expect(await first.exited).toMatchObject({ signal: 'SIGKILL' });
        await Promise.all(writers);
        expect(acknowledgedAtKill).toBeGreaterThan(0);

        const second = await startServerProcess({ env });
        running.push(second);
        expect((await fetch(`${second.url}/api/health/ready`)).status).toBe(200);
        const ids = acks.map((a) => a.eventId);
        let stored: Set<number>;
        if (engine === 'postgres') {
          const client = new pg.Client({ connectionString: env.DATABASE_URL });
          await client.connect();
          stored = await storedEventIds((text, values) => client.query(text, values), ids);
          await client.end();
          second.signal('SIGTERM');
          expect(await second.exited).toEqual({ code: 0, signal: null });
        } else {
          // The embedded database belongs to one process: stop the server, then read its directory.
          second.signal('SIGTERM');
          expect(await second.exited).toEqual({ code: 0, signal: null });
          const database = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
          stored = await storedEventIds((text, values) => database.pool.query(text, values), ids);
          await database.close();
        }
        const lost = acks.filter((a) => !stored.has(a.eventId));
        console.log(`crash safety [${engine}]: ${acks.length} writes acknowledged, ${lost.length} lost`);
        expect(lost).toEqual([]);
      },
      TIMEOUT_MS,
    );
  });
}
