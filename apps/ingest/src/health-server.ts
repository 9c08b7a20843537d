import { mayReadMetrics } from '@zeropark/service-runtime';
import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

export interface HealthChecks {
  /** Ready to take readings: broker listening, store open. */
  ready: () => boolean;
  metrics: Registry;
  /** INGEST_METRICS_TOKEN: set, /metrics answers only its bearer (docs/configuration.md, "Who may read /metrics"). */
  metricsToken: string | undefined;
}

/** `/healthz` (the process answers), `/readyz` (it can take readings), `/metrics` (Prometheus). */
export async function startHealthServer(checks: HealthChecks, port: number, host: string): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    } else if (path === '/readyz') {
      const ready = checks.ready();
      response.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: ready ? 'ready' : 'starting' }));
    } else if (path === '/metrics' && !mayReadMetrics(request.headers.authorization, checks.metricsToken)) {
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"/metrics needs the ingest\'s metrics token: Authorization: Bearer <INGEST_METRICS_TOKEN>"}');
    } else if (path === '/metrics') {
      checks.metrics.metrics().then(
        (text) => response.writeHead(200, { 'content-type': checks.metrics.contentType }).end(text),
        (error: Error) => response.writeHead(500).end(error.message),
      );
    } else {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return { server, port: typeof address === 'object' && address !== null ? address.port : port };
}
