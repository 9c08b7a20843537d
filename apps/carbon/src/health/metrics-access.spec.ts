import { ConfigError } from '@zeropark/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCarbonOnBus, type CarbonOnBus } from '../carbon-app.fixture.js';
import { loadCarbonConfig } from '../carbon.config.js';

const METRICS_TOKEN = 'the-scraper-token-of-this-spec';
const REQUIRED = { ZEROPARK_BUS_SECRET: 'bus-secret-for-the-spec', CARBON_TOKEN_SECRET: 'the-token-secret-of-this-spec-32-chars' };

describe('who may read the carbon service /metrics', () => {
  let service: CarbonOnBus;

  beforeAll(async () => {
    service = await startCarbonOnBus({ CARBON_METRICS_TOKEN: METRICS_TOKEN });
  });
  afterAll(() => service?.stop());

  it('should answer /metrics only to the bearer of the metrics token when one is set', async () => {
    expect((await fetch(`${service.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${service.url}/metrics`, { headers: { authorization: `Bearer ${await service.tokenFor(['*'], 'admin')}` } })).status).toBe(401);
    const scraped = await fetch(`${service.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('zeropark_carbon_dashboard_clients');
  });

  it('should refuse to start bound beyond loopback without a metrics token, saying how', () => {
    expect(() => loadCarbonConfig({ ...REQUIRED, CARBON_HOST: '0.0.0.0' })).toThrow(ConfigError);
    expect(() => loadCarbonConfig({ ...REQUIRED, CARBON_HOST: '0.0.0.0' })).toThrow(/CARBON_METRICS_TOKEN: is missing: CARBON_HOST 0\.0\.0\.0 is reachable beyond this machine/);
    expect(loadCarbonConfig({ ...REQUIRED, CARBON_HOST: '0.0.0.0', CARBON_METRICS_TOKEN: METRICS_TOKEN }).CARBON_HOST).toBe('0.0.0.0');
    expect(loadCarbonConfig({ ...REQUIRED }).CARBON_METRICS_TOKEN).toBeUndefined();
  });
});
