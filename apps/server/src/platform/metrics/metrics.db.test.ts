import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeEachEngine } from '../../../test/support/test-database.js';
import { buildApp } from '../../app.js';
import { createAppContext } from '../../composition.js';
import { loadConfig } from '../config.js';
import { enqueueJob } from '../jobs/job-queue.js';
import { createMetrics, startMetricsServer, type Metrics } from './metrics.js';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * Reads the Prometheus text format (version 0.0.4) strictly: every line is a comment (`# HELP`, `# TYPE`) or a sample
 * `name{label="value",…} number`; anything else throws.
 */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || /^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$/.test(line)) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a Prometheus line: ${line}`);
    const labels: Record<string, string> = {};
    const labelText = m[2] ?? '';
    for (const pair of labelText.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/g))
      labels[pair[1]!] = pair[2]!;
    // The format's special values, in any letter case (prom-client writes a gauge without samples as `Nan`).
    const raw = m[3]!;
    const special = /^([+-])?(inf|nan)$/i.exec(raw);
    const value = special
      ? special[2]!.toLowerCase() === 'nan'
        ? NaN
        : special[1] === '-'
          ? -Infinity
          : Infinity
      : Number(raw);
    if (Number.isNaN(value) && !special) throw new Error(`not a number: ${line}`);
    samples.push({ name: m[1]!, labels, value });
  }
  return samples;
}

const one = (samples: Sample[], name: string, labels: Record<string, string> = {}) => {
  const found = samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value),
  );
  if (found.length !== 1) throw new Error(`${found.length} samples of ${name} ${JSON.stringify(labels)}`);
  return found[0]!.value;
};

describeEachEngine('metrics', (database, engine) => {
  let app: FastifyInstance;
  let metrics: Metrics;
  let server: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    const config = loadConfig({ ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent' }, { seedDemo: false });
    metrics = createMetrics({ pool: database().pool, db: database().db, nodeName: `test-${engine}` });
    app = await buildApp(createAppContext({ config, database: database() }), { logger: false, metrics });
    await app.ready();
    server = await startMetricsServer(metrics, { port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  test('the public port does not serve them', async () => {
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('sagsgang_http_request_duration_seconds');
  });

  test('requests by route pattern and status, with latency buckets; the figures read from the database', async () => {
    const caseId = '00000000-0000-4000-8000-000000000001';
    for (let i = 0; i < 3; i++) expect((await app.inject({ url: '/api/health/live' })).statusCode).toBe(200);
    expect((await app.inject({ url: `/api/cases/${caseId}` })).statusCode).toBe(401);
    expect((await app.inject({ url: '/no/such/page' })).statusCode).toBe(404);

    // A due job nobody has claimed for a minute, one waiting for tomorrow, a failed notification, an event appended.
    await sql`DELETE FROM job WHERE status = 'pending'`.execute(database().db);
    await enqueueJob(database().db, { kind: 'metrics.test', runAt: new Date(Date.now() - 60_000) });
    await enqueueJob(database().db, { kind: 'metrics.test', runAt: new Date(Date.now() + 86_400_000) });
    const { rows } = await sql<{ id: string }>`
      INSERT INTO app_user (kind, display_name) VALUES ('applicant', 'Metrics test') RETURNING id`.execute(
      database().db,
    );
    await sql`INSERT INTO notification (recipient_user_id, kind, status) VALUES (${rows[0]!.id}, 'receipt', 'failed')`.execute(
      database().db,
    );
    const failedBefore = Number(
      (await sql<{ n: string }>`SELECT count(*) AS n FROM notification WHERE status = 'failed'`.execute(database().db))
        .rows[0]!.n,
    );
    const lastEvent = Number(
      (await sql<{ id: string | null }>`SELECT max(id) AS id FROM case_event`.execute(database().db)).rows[0]!.id ?? 0,
    );

    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    const samples = parseExposition(text);

    const histogram = 'sagsgang_http_request_duration_seconds';
    expect(text).toContain(`# TYPE ${histogram} histogram`);
    const live = { method: 'GET', route: '/api/health/live', status: '200', node: `test-${engine}` };
    expect(one(samples, `${histogram}_count`, live)).toBe(3);
    expect(one(samples, `${histogram}_bucket`, { ...live, le: '+Inf' })).toBe(3);
    expect(one(samples, `${histogram}_sum`, live)).toBeGreaterThan(0);
    // The route's pattern, never the URL: one series however many cases there are.
    expect(one(samples, `${histogram}_count`, { route: '/api/cases/:id', status: '401' })).toBe(1);
    expect(text).not.toContain(caseId);
    // This one and the first test's GET /metrics.
    expect(one(samples, `${histogram}_count`, { route: 'unmatched', status: '404' })).toBe(2);

    expect(one(samples, 'sagsgang_jobs_due')).toBe(1);
    expect(one(samples, 'sagsgang_jobs_pending')).toBe(2);
    expect(one(samples, 'sagsgang_jobs_oldest_due_age_seconds')).toBeGreaterThanOrEqual(59);
    expect(one(samples, 'sagsgang_jobs_oldest_due_age_seconds')).toBeLessThan(600);
    expect(one(samples, 'sagsgang_notifications_failed')).toBe(failedBefore);
    expect(failedBefore).toBeGreaterThanOrEqual(1);
    expect(one(samples, 'sagsgang_case_events_appended_total')).toBe(lastEvent);
    expect(one(samples, 'sagsgang_database_up')).toBe(1);
    expect(one(samples, 'sagsgang_db_pool_connections', { state: 'open' })).toBeGreaterThanOrEqual(1);
    expect(one(samples, 'sagsgang_db_pool_waiting_requests')).toBe(0);
    expect(one(samples, 'sagsgang_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  test('the metrics port answers nothing else', async () => {
    const other = await fetch(server.url.replace('/metrics', '/api/health/live'));
    expect(other.status).toBe(404);
    await other.arrayBuffer();
  });
});
