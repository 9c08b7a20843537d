/**
 * Energy comes from counter differences, not from integrating power (DESIGN.md,
 * "Carbon accounting"). This turns two successive counter readings into the quantity used
 * between them, and refuses what cannot be real.
 */
export interface CounterSample {
  ts: number;
  value: number;
}

export type CounterDelta =
  | { kind: 'delta'; amount: number }
  /** The counter went backwards: a meter reset, counted from zero. */
  | { kind: 'reset'; amount: number }
  /** Older than the last reading or the same instant: nothing new to count. */
  | { kind: 'stale' }
  /** More than the meter's rated power could deliver in the time between; not counted. */
  | { kind: 'implausible'; amount: number; limit: number };

const HOUR_MS = 3_600_000;

/**
 * @param ratedPowerKw the meter's rated power; when given, a rise above rated power × elapsed
 *   hours is implausible (for electricity counters in kWh).
 */
export function counterDelta(previous: CounterSample, next: CounterSample, ratedPowerKw: number | null = null): CounterDelta {
  if (next.ts <= previous.ts) return { kind: 'stale' };
  if (next.value < previous.value) return { kind: 'reset', amount: next.value };
  const amount = next.value - previous.value;
  if (ratedPowerKw !== null) {
    const limit = (ratedPowerKw * (next.ts - previous.ts)) / HOUR_MS;
    if (amount > limit) return { kind: 'implausible', amount, limit };
  }
  return { kind: 'delta', amount };
}
