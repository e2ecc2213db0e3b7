import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { sql, type QueryExecutorProvider } from 'kysely';
import type pg from 'pg';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics of one node: requests by route pattern and status with their latency, the connection pool, and
 * figures of the whole installation read from the database when scraped (the job queue, failed notifications, the
 * event log). Each app gets its own registry, so two apps in one test process share nothing.
 */
export interface Metrics {
  registry: Registry;
  /** Called once per answered request: one histogram observation. */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
}

interface Figures {
  due: number;
  pending: number;
  oldest_due_seconds: number;
  notifications_failed: number;
  last_event_id: number;
}

/**
 * One query per scrape, never per request: pending and due jobs from the pending index, the failed notifications from
 * their partial index (migration 0150), and the newest event's id (its primary key) as the count of events appended,
 * whose rate is the event log's append rate across every node. It reads counters of three tables, never their rows.
 */
async function readFigures(db: QueryExecutorProvider): Promise<Figures> {
  const { rows } = await sql<Figures>`
    SELECT
      (SELECT count(*) FROM job WHERE status = 'pending')::float8 AS pending,
      (SELECT count(*) FROM job WHERE status = 'pending' AND run_at <= now())::float8 AS due,
      COALESCE((SELECT extract(epoch FROM now() - min(run_at)) FROM job WHERE status = 'pending' AND run_at <= now()), 0)::float8
        AS oldest_due_seconds,
      (SELECT count(*) FROM notification WHERE status = 'failed')::float8 AS notifications_failed,
      COALESCE((SELECT max(id) FROM case_event), 0)::float8 AS last_event_id
  `.execute(db);
  return rows[0]!;
}

/** Seconds, for a histogram of request latencies from 5 ms to 10 s. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(options: { pool: pg.Pool; db: QueryExecutorProvider; nodeName: string }): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ node: options.nodeName });
  collectDefaultMetrics({ register: registry, prefix: 'sagsgang_' });

  const requests = new Histogram({
    name: 'sagsgang_http_request_duration_seconds',
    help: 'Requests answered, by method, route pattern and status, with their latency',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });

  const pool = options.pool;
  new Gauge({
    name: 'sagsgang_db_pool_connections',
    help: 'Connections of this node to the database, by state',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      this.set({ state: 'open' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'busy' }, pool.totalCount - pool.idleCount);
    },
  });
  new Gauge({
    name: 'sagsgang_db_pool_waiting_requests',
    help: 'Queries of this node waiting for a free connection',
    registers: [registry],
    collect() {
      this.set(pool.waitingCount);
    },
  });

  // The gauges below share one read per scrape: whichever is collected first starts it, the others await it.
  let current: { at: number; figures: Promise<Figures | undefined> } | undefined;
  const figures = () => {
    if (!current || Date.now() - current.at > 1000) {
      current = { at: Date.now(), figures: readFigures(options.db).catch(() => undefined) };
    }
    return current.figures;
  };
  const fromDatabase = (name: string, help: string, pick: (f: Figures) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        const f = await figures();
        if (f) this.set(pick(f));
        else this.reset(); // the database does not answer: say nothing rather than something old
      },
    });
  fromDatabase('sagsgang_jobs_pending', 'Background jobs waiting, due or later', (f) => f.pending);
  fromDatabase('sagsgang_jobs_due', 'Background jobs due and not yet claimed (the queue depth)', (f) => f.due);
  fromDatabase(
    'sagsgang_jobs_oldest_due_age_seconds',
    'How long the oldest due job has waited',
    (f) => f.oldest_due_seconds,
  );
  fromDatabase(
    'sagsgang_notifications_failed',
    'Notifications that could not be delivered',
    (f) => f.notifications_failed,
  );
  new Counter({
    name: 'sagsgang_case_events_appended_total',
    help: 'Events appended to the case event log (its newest id; rate() of it is the append rate)',
    registers: [registry],
    async collect() {
      const f = await figures();
      if (!f) return;
      this.reset();
      this.inc(f.last_event_id);
    },
  });
  new Gauge({
    name: 'sagsgang_database_up',
    help: '1 when the figures read from the database came back at this scrape',
    registers: [registry],
    async collect() {
      this.set((await figures()) ? 1 : 0);
    },
  });

  return {
    registry,
    observeRequest(method, route, status, seconds) {
      requests.observe({ method, route, status: String(status) }, seconds);
    },
  };
}

/**
 * Times every request by its route pattern (`/api/cases/:id`, never the URL, so the series stay few); a request no
 * route matched counts under `unmatched`.
 */
export function registerRequestMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
  });
}

/**
 * `GET /metrics` on a port of its own (`SAGSGANG_METRICS_PORT`), bound to `SAGSGANG_METRICS_HOST`: the public port
 * never answers it. Anything else there is a 404.
 */
export async function startMetricsServer(
  metrics: Metrics,
  options: { port: number; host: string },
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
      return;
    }
    metrics.registry.metrics().then(
      (body) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body),
      (err: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(`${err.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
