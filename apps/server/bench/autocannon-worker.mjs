// Runs one autocannon load in a worker thread, so the load generator does not share the event loop of the server it
// measures. Plain JavaScript: worker threads do not inherit the TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

// Inside a worker thread autocannon hands back raw histograms; its own aggregation decodes the latency one.
const raw = await autocannon(workerData);
const result = autocannon.aggregateResult([raw], workerData);
parentPort.postMessage({
  requests: raw.totalCompletedRequests / raw.duration,
  total: raw.totalCompletedRequests,
  p50: result.latency.p50,
  p99: result.latency.p99,
  errors: raw.errors + raw.timeouts,
  non2xx: raw.non2xx,
  statusCodes: raw.statusCodeStats,
  duration: raw.duration,
});
