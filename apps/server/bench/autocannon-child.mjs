// Runs one autocannon load in a child process, so the load generator shares neither the event loop nor the CPU
// figures of the server it measures. Plain JavaScript: it needs no TypeScript loader. Options come as a message.
import autocannon from 'autocannon';

process.once('message', async (options) => {
  const result = await autocannon(options);
  process.send(
    {
      requests: result.requests.total / result.duration,
      total: result.requests.total,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      statusCodes: result.statusCodeStats,
      duration: result.duration,
    },
    () => process.exit(0),
  );
});
