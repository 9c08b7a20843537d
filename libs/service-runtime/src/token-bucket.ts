/**
 * A rate limit: `ratePerSecond` tokens a second, up to `burst` saved up. Time is injected, so a
 * spec drives it. The ingest keeps one per gateway and per address, the carbon service one per
 * dashboard connection.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly clock: () => number,
  ) {
    this.tokens = burst;
    this.updatedAt = clock();
  }

  /** Takes a token if there is one. */
  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** True when it has saved up its whole burst: forgetting it changes nothing. */
  isFull(): boolean {
    this.refill();
    return this.tokens >= this.burst;
  }

  private refill(): void {
    const now = this.clock();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.ratePerSecond);
    this.updatedAt = now;
  }
}

/** Past this many keys, the limiter forgets the buckets that are full again. */
const MAX_KEYS = 10_000;

/** One bucket per key (a gateway, an address), made on first use. */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly clock: () => number = Date.now,
  ) {}

  allow(key: string): boolean {
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      if (this.buckets.size >= MAX_KEYS) this.forgetIdle();
      bucket = new TokenBucket(this.ratePerSecond, this.burst, this.clock);
      this.buckets.set(key, bucket);
    }
    return bucket.take();
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Drops the buckets of keys that have been quiet long enough to be full: memory stays bounded. */
  private forgetIdle(): void {
    for (const [key, bucket] of this.buckets) if (bucket.isFull()) this.buckets.delete(key);
  }
}
