import { describe, expect, it } from 'vitest';
import { isLoopbackHost, mayReadMetrics, metricsTokenProblem } from './metrics-access.js';

const TOKEN = 'a-scraper-token-of-the-spec';

describe('who may read /metrics', () => {
  it('should tell loopback addresses from the rest', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', 'localhost'].map(isLoopbackHost)).toEqual([true, true, true, true]);
    expect(['0.0.0.0', '::', '10.0.0.5', 'carbon', '128.0.0.1'].map(isLoopbackHost)).toEqual([false, false, false, false, false]);
  });

  it('should require a token of a service bound beyond loopback, and only then', () => {
    expect(metricsTokenProblem('CARBON_HOST', '0.0.0.0', 'CARBON_METRICS_TOKEN', undefined)).toMatch(/^CARBON_METRICS_TOKEN: is missing: CARBON_HOST 0.0.0.0 is reachable beyond this machine/);
    expect(metricsTokenProblem('CARBON_HOST', '0.0.0.0', 'CARBON_METRICS_TOKEN', TOKEN)).toBeUndefined();
    expect(metricsTokenProblem('CARBON_HOST', '127.0.0.1', 'CARBON_METRICS_TOKEN', undefined)).toBeUndefined();
  });

  it('should let a request read only with the token as a bearer, when one is set', () => {
    expect(mayReadMetrics(undefined, undefined)).toBe(true);
    expect(mayReadMetrics(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(mayReadMetrics(undefined, TOKEN)).toBe(false);
    expect(mayReadMetrics(`Bearer ${TOKEN}x`, TOKEN)).toBe(false);
    expect(mayReadMetrics(`Basic ${TOKEN}`, TOKEN)).toBe(false);
  });
});
