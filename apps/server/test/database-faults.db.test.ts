import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_PASSWORD } from '../src/modules/demo/index.js';
import { signInOverHttp, startServerProcess, type HttpSession, type ServerProcess } from './support/server-process.js';
import { privatePostgresAvailable, startPrivatePostgres, type PrivatePostgres } from './support/private-postgres.js';

// The database goes away under load and comes back: a PostgreSQL of the test's own is restarted, has its idle
// backends ended and is stopped for a while, while a node serves reads and writes. The node must not exit, requests
// may fail only while the database is really down, the node must be ready again soon after, and no acknowledged
// write may be lost. Prints the failed requests and the time to ready per fault.

const READY_WITHIN_MS = 10_000;
/** At least this long: a node is started meanwhile, and the database stays stopped until it says it waits. */
const STOPPED_MS = 5_000;

interface Outcome {
  startedAt: number;
  endedAt: number;
  ok: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(privatePostgresAvailable)('database faults under load [own PostgreSQL]', () => {
  let postgres: PrivatePostgres;
  let server: ServerProcess;
  let second: ServerProcess | undefined;
  let session: HttpSession;
  const outcomes: Outcome[] = [];
  const acknowledged: number[] = [];
  let loading = true;
  let load: Promise<unknown>;

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-faults-'));

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    server = await startServerProcess({ env: { DATABASE_URL: postgres.url, SAGSGANG_DATA_DIR: dataDir } });
    session = await signInOverHttp(server.url, 'sagsbehandler', DEMO_PASSWORD);
    const opened = await session.post('/api/cases', {
      caseTypeCode: 'family-reunification',
      channel: 'digital',
      applicant: { name: 'Fault test applicant' },
    });
    expect(opened.status).toBe(201);
    const c = (await opened.json()) as { id: string; version: number };
    load = Promise.all([writer(c.id, c.version), reader(c.id), reader(c.id)]);
  }, 240_000);

  afterAll(async () => {
    loading = false;
    await load?.catch(() => undefined);
    for (const node of [server, second]) {
      if (node && node.child.exitCode === null) {
        node.signal('SIGTERM');
        await node.exited;
      }
    }
    await postgres?.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function timed(request: () => Promise<boolean>): Promise<boolean> {
    const startedAt = Date.now();
    const ok = await request().catch(() => false);
    outcomes.push({ startedAt, endedAt: Date.now(), ok });
    if (!ok) await sleep(50); // a failing request is quick; do not spin
    return ok;
  }

  /** Notes on one case; a failed note is sent again with the version read back. */
  async function writer(caseId: string, version: number) {
    let n = 0;
    while (loading) {
      await timed(async () => {
        const response = await session.post(`/api/cases/${caseId}/notes`, {
          expectedVersion: version,
          kind: 'internal',
          who: 'Fault test',
          when: new Date(Date.now() - 1000).toISOString(),
          what: `Note ${++n}`,
        });
        if (response.status === 409) {
          const current = await session.get(`/api/cases/${caseId}`);
          if (current.status === 200) version = ((await current.json()) as { version: number }).version;
          return false;
        }
        if (response.status !== 200) return (await response.arrayBuffer(), false);
        const body = (await response.json()) as { version: number; eventId: number };
        acknowledged.push(body.eventId);
        version = body.version;
        return true;
      });
    }
  }

  async function reader(caseId: string) {
    while (loading) {
      await timed(async () => {
        const response = await session.get(`/api/cases/${caseId}`);
        await response.arrayBuffer();
        return response.status === 200;
      });
    }
  }

  /** Milliseconds from `since` until readiness answers 200 (polled every 100 ms). */
  async function timeToReady(since: number): Promise<number> {
    for (;;) {
      const response = await fetch(`${server.url}/api/health/ready`).catch(() => undefined);
      if (response?.status === 200) return Date.now() - since;
      if (Date.now() - since > READY_WITHIN_MS * 3) return Infinity;
      await sleep(100);
    }
  }

  /** Runs a fault; reports requests that failed although they started before it began or after the database returned. */
  async function fault(name: string, run: () => Promise<{ downFrom: number; upAt: number; readyMs?: number }>) {
    await sleep(1_000); // load before the fault
    const from = outcomes.length;
    const { downFrom, upAt, readyMs } = await run();
    const ready = readyMs ?? (await timeToReady(upAt));
    await sleep(1_000); // load after it
    const during = outcomes.slice(from);
    const failed = during.filter((o) => !o.ok);
    const failedOutside = failed.filter((o) => o.endedAt < downFrom || o.startedAt > upAt);
    console.log(
      `${name}: database away ${upAt - downFrom} ms; ${failed.length} of ${during.length} requests failed ` +
        `(${failedOutside.length} outside the outage); ready ${ready} ms after the database returned`,
    );
    expect(server.child.exitCode).toBeNull();
    expect(ready).toBeLessThan(READY_WITHIN_MS);
    expect(failedOutside).toEqual([]);
    expect(during.filter((o) => o.ok && o.startedAt > upAt).length).toBeGreaterThan(0);
  }

  test('PostgreSQL restarted (pg_ctl restart -m fast)', async () => {
    await fault('restart', async () => {
      const downFrom = Date.now();
      await postgres.restart();
      return { downFrom, upAt: Date.now() };
    });
  }, 120_000);

  test("the node's backends ended (pg_terminate_backend)", async () => {
    await fault('terminate backends', async () => {
      const admin = new pg.Client({ connectionString: postgres.url });
      await admin.connect();
      const downFrom = Date.now();
      const { rows } = await admin.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE application_name LIKE 'sagsgang@%' AND pg_terminate_backend(pid)`,
      );
      // pg_terminate_backend only signals: the backends are gone (and their goodbyes sent) once they leave the list.
      const pids = rows.map((r) => r.pid);
      for (let i = 0; i < 100; i++) {
        const left = await admin.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ANY($1::int[])',
          [pids],
        );
        if (left.rows[0]!.n === 0) break;
        await sleep(10);
      }
      const upAt = Date.now();
      await admin.end();
      expect(pids.length).toBeGreaterThan(0);
      return { downFrom, upAt };
    });
  }, 120_000);

  test(`PostgreSQL stopped for ${STOPPED_MS / 1000} s or more: not ready while down, alive throughout; a node started meanwhile waits`, async () => {
    await fault('stopped', async () => {
      const downFrom = Date.now();
      await postgres.stop();
      await sleep(1_000);
      const ready = await fetch(`${server.url}/api/health/ready`);
      expect(ready.status).toBe(503);
      expect((await fetch(`${server.url}/api/health/live`)).status).toBe(200);
      // A node started now waits for the database, and says so, instead of exiting.
      let waitingSaid: () => void = () => undefined;
      const waiting = new Promise<void>((resolve) => (waitingSaid = resolve));
      const latecomer = startServerProcess({
        env: { DATABASE_URL: postgres.url, SAGSGANG_DATA_DIR: dataDir },
        onOutput: (text) => {
          if (/The database does not answer yet/.test(text)) waitingSaid();
        },
      });
      await waiting;
      await sleep(STOPPED_MS - 1_000);
      await postgres.start();
      const upAt = Date.now();
      const readyMs = timeToReady(upAt);
      second = await latecomer;
      const latecomerReadyMs = Date.now() - upAt;
      console.log(`a node started while the database was down: ready ${latecomerReadyMs} ms after it returned`);
      expect(latecomerReadyMs).toBeLessThan(READY_WITHIN_MS);
      expect(second.output()).toMatch(/The database answers \(after \d+ attempts\)/);
      expect((await fetch(`${second.url}/api/health/ready`)).status).toBe(200);
      return { downFrom, upAt, readyMs: await readyMs };
    });
  }, 180_000);

  test('no acknowledged write is lost', async () => {
    loading = false;
    await load;
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    const { rows } = await client.query<{ id: number }>('SELECT id FROM case_event WHERE id = ANY($1::bigint[])', [
      acknowledged,
    ]);
    await client.end();
    const stored = new Set(rows.map((r) => Number(r.id)));
    const lost = acknowledged.filter((id) => !stored.has(id));
    console.log(`database faults: ${acknowledged.length} writes acknowledged, ${lost.length} lost`);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(lost).toEqual([]);
  });
});
