export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Epoch ms now: the cadence keeps its beat from when it started, not from when each push ran. */
  now(): number;
}

const SYSTEM_TIMERS: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  now: () => Date.now(),
};

export interface PushCadenceOptions {
  /**
   * How long the beat goes on after the last change, ms: the park's shortest expected meter
   * interval, so that readings every few seconds give a push every interval, not bursts. At
   * least one interval.
   */
  quietAfterMs: number;
}

/**
 * A park's pushes on a steady beat (docs/architecture.md, "Live figures"). The first change
 * after a quiet spell goes out at once and starts a beat of one push every `intervalMs`, on
 * instants fixed from that start (a slow push or a late timer does not shift the next). Each beat
 * pushes, changes inside an interval folded into it: the snapshot's time, the current minute and
 * the meters' freshness move even between readings. The beat stops once no change came for
 * `quietAfterMs`, so a park that fell silent costs nothing, and the next change goes at once.
 */
export class PushCadence {
  private timer: unknown = undefined;
  private startedAt = 0;
  private beats = 0;
  private lastChangeAt = 0;
  private readonly quietAfterMs: number;

  constructor(
    private readonly intervalMs: number,
    private readonly push: () => void,
    options: PushCadenceOptions,
    private readonly timers: Timers = SYSTEM_TIMERS,
  ) {
    this.quietAfterMs = Math.max(intervalMs, options.quietAfterMs);
  }

  changed(): void {
    this.lastChangeAt = this.timers.now();
    if (this.timer !== undefined) return;
    this.startedAt = this.lastChangeAt;
    this.beats = 0;
    this.beat();
  }

  stop(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private beat(): void {
    this.schedule();
    this.push();
  }

  private schedule(): void {
    // the next beat still ahead: beats a blocked event loop missed are skipped, not sent in a burst
    this.beats = Math.max(this.beats + 1, Math.floor((this.timers.now() - this.startedAt) / this.intervalMs) + 1);
    const next = this.startedAt + this.beats * this.intervalMs;
    this.timer = this.timers.setTimeout(() => this.due(), Math.max(0, next - this.timers.now()));
  }

  private due(): void {
    this.timer = undefined;
    // quiet for long enough: the beat ends; the next change starts another at once
    if (this.timers.now() - this.lastChangeAt >= this.quietAfterMs) return;
    this.beat();
  }
}
