import { ConfigError } from '@zeropark/contracts';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHealthServer } from './health-server.js';
import { loadIngestConfig } from './ingest.config.js';

const METRICS_TOKEN = 'the-scraper-token-of-this-spec';

describe('who may read the ingest /metrics', () => {
  let server: Awaited<ReturnType<typeof startHealthServer>>;
  const url = () => `http://127.0.0.1:${server.port}`;

  beforeAll(async () => {
    server = await startHealthServer({ ready: () => true, metrics: new Registry(), metricsToken: METRICS_TOKEN }, 0, '127.0.0.1');
  });
  afterAll(() => new Promise<void>((resolve) => server.server.close(() => resolve())));

  it('should answer /metrics only to the bearer of the metrics token, and /readyz to anyone', async () => {
    expect((await fetch(`${url()}/metrics`)).status).toBe(401);
    expect((await fetch(`${url()}/metrics`, { headers: { authorization: 'Bearer not-the-token-at-all' } })).status).toBe(401);
    expect((await fetch(`${url()}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(200);
    expect((await fetch(`${url()}/readyz`)).status).toBe(200);
  });

  it('should refuse to start bound beyond loopback without a metrics token, saying how', () => {
    const base = { ZEROPARK_BUS_SECRET: 'bus-secret-of-this-spec' };
    expect(() => loadIngestConfig({ ...base, INGEST_HOST: '0.0.0.0' })).toThrow(ConfigError);
    expect(() => loadIngestConfig({ ...base, INGEST_HOST: '0.0.0.0' })).toThrow(/INGEST_METRICS_TOKEN: is missing: INGEST_HOST 0\.0\.0\.0 is reachable beyond this machine/);
    expect(loadIngestConfig({ ...base, INGEST_HOST: '0.0.0.0', INGEST_METRICS_TOKEN: METRICS_TOKEN }).INGEST_METRICS_TOKEN).toBe(METRICS_TOKEN);
  });
});
