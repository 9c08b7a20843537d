import { describe, expect, it } from 'vitest';
import { RateLimiter, TokenBucket } from './token-bucket.js';

describe(TokenBucket.name, () => {
  it('should allow a burst, then the rate', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 3, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    now += 100; // 10 a second: one token per 100 ms
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
  });

  it('should save up no more than the burst', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 2, () => now);
    now += 60_000;
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false]);
  });
});

describe(RateLimiter.name, () => {
  it('should keep one bucket per key, so one gateway cannot spend another\'s rate', () => {
    const limiter = new RateLimiter(1, 1, () => 0);
    expect([limiter.allow('g1'), limiter.allow('g1'), limiter.allow('g2')]).toEqual([true, false, true]);
  });

  it('should forget quiet keys past 10 000, so many addresses cannot grow its memory for ever', () => {
    let now = 0;
    const limiter = new RateLimiter(1, 1, () => now);
    for (let address = 0; address < 10_000; address += 1) limiter.allow(`address-${address}`);
    now += 2000; // every bucket full again
    limiter.allow('one more');
    expect(limiter.size).toBe(1);
  });
});
