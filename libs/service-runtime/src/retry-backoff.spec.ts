import { describe, expect, it } from 'vitest';
import { retryDelay } from './retry-backoff.js';

describe(retryDelay.name, () => {
  const options = { initialMs: 200, maxMs: 30_000 };

  it('should double the wait after each failure, up to the cap', () => {
    expect([1, 2, 3, 4].map((failures) => retryDelay(failures, options, () => 0))).toEqual([200, 400, 800, 1600]);
    expect(retryDelay(20, options, () => 0)).toBe(30_000);
  });

  it('should take off at most a fifth at random', () => {
    expect(retryDelay(1, options, () => 1)).toBe(160); // 200 × (1 − 0.2)
  });
});
