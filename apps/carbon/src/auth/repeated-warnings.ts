/** A warning to log: its fields and its words. */
export type WarningLine = (fields: Record<string, unknown>, message: string) => void;

/**
 * Warnings of one kind logged at most once an interval: the first at once, the rest counted and
 * said in one line when the interval is over (`flush`, or the next warning after it). A client
 * that sends thousands of refused requests a second then costs the log a line an interval, not
 * one a request. Time is passed in, so a spec drives it.
 */
export class RepeatedWarnings {
  private readonly kinds = new Map<string, { loggedAt: number; more: number; last: { fields: Record<string, unknown>; message: string } }>();

  constructor(
    private readonly line: WarningLine,
    private readonly intervalMs: number,
    private readonly clock: () => number,
  ) {}

  warn(kind: string, fields: Record<string, unknown>, message: string): void {
    const now = this.clock();
    const seen = this.kinds.get(kind);
    if (seen === undefined || now - seen.loggedAt >= this.intervalMs) {
      if (seen !== undefined && seen.more > 0) this.sayMore(seen);
      this.line(fields, message);
      this.kinds.set(kind, { loggedAt: now, more: 0, last: { fields, message } });
      return;
    }
    seen.more += 1;
    seen.last = { fields, message };
  }

  /** Says how many of each kind were held back in an interval that is over, and forgets quiet kinds. */
  flush(): void {
    const now = this.clock();
    for (const [kind, seen] of this.kinds) {
      if (now - seen.loggedAt < this.intervalMs) continue;
      if (seen.more > 0) this.sayMore(seen);
      this.kinds.delete(kind);
    }
  }

  private sayMore(seen: { more: number; last: { fields: Record<string, unknown>; message: string } }): void {
    this.line({ ...seen.last.fields, repeated: seen.more }, `${seen.last.message} (and ${seen.more} more like it in ${Math.round(this.intervalMs / 1000)} s; the last shown)`);
    seen.more = 0;
  }
}
