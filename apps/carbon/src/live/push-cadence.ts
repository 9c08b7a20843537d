export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * At most one push per interval; the first change after a quiet interval goes out at once, and
 * changes inside an interval are folded into one push at its end (docs/architecture.md, "Live figures").
 */
export class PushThrottle {
  private timer: unknown = undefined;
  private pending = false;

  constructor(
    private readonly intervalMs: number,
    private readonly push: () => void,
    private readonly timers: Timers = globalThis,
  ) {}

  changed(): void {
    if (this.timer !== undefined) {
      this.pending = true;
      return;
    }
    this.fire();
  }

  stop(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = false;
  }

  private fire(): void {
    this.pending = false;
    // the interval runs from the start of a push: a push to many dashboards takes time of its own
    this.timer = this.timers.setTimeout(() => this.windowEnded(), this.intervalMs);
    this.push();
  }

  private windowEnded(): void {
    this.timer = undefined;
    if (this.pending) this.fire();
  }
}
