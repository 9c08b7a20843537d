import { POWER_STALE_AFTER_INTERVALS, STALE_METERS_LISTED, type PowerFreshness, type PowerState, type StalePowerMeter } from '@zeropark/contracts';

/** A meter's newest power reading, as a power figure "now" is made of it. */
export interface PowerSample {
  meterId: string;
  /** Its expected interval between readings, ms (`MeterTopology.everyMs`). */
  everyMs: number;
  /** Its newest power, kW; null before the first. */
  powerKw: number | null;
  /** Time of that reading, epoch ms; null before the first. */
  ts: number | null;
}

/** The first instant a meter's power is no longer live: its newest power reading + 3 × its interval; null before the first. */
export function staleAt(sample: PowerSample): number | null {
  return sample.ts === null ? null : sample.ts + POWER_STALE_AFTER_INTERVALS * sample.everyMs;
}

/** Whether a meter's power counts as "now" at `at` (docs/carbon-method.md, §1 "Power now"). */
export function isLive(sample: PowerSample, at: number): boolean {
  const until = staleAt(sample);
  return until !== null && at < until;
}

/** A meter's own state: live, stale, or never heard. */
export function meterPowerState(sample: PowerSample, at: number): 'live' | 'stale' | 'none' {
  if (sample.ts === null) return 'none';
  return isLive(sample, at) ? 'live' : 'stale';
}

/**
 * Whether a figure summed from these meters' power is live, partial, stale or unknown at `at`,
 * and which meters are left out of it with what they last read (docs/carbon-method.md, §1 "Power now").
 */
export function powerFreshness(samples: readonly PowerSample[], at: number): PowerFreshness {
  let live = 0;
  let heard = 0;
  let since: number | null = null;
  let asOf: number | null = null;
  let staleKw = 0;
  const staleMeters: StalePowerMeter[] = [];
  for (const sample of samples) {
    if (sample.ts !== null) {
      heard += 1;
      asOf = asOf === null ? sample.ts : Math.max(asOf, sample.ts);
    }
    if (isLive(sample, at)) {
      live += 1;
      continue;
    }
    const staleSince = staleAt(sample);
    if (staleSince !== null) since = since === null ? staleSince : Math.min(since, staleSince);
    staleKw += sample.powerKw ?? 0;
    staleMeters.push({ meterId: sample.meterId, lastReadingAt: sample.ts, lastPowerKw: sample.powerKw, staleSince, everyMs: sample.everyMs });
  }
  const state: PowerState = live > 0 ? (live === samples.length ? 'live' : 'partial') : heard > 0 ? 'stale' : 'none';
  // the most recently heard first (never heard last): the ones an operator is likeliest to chase
  const listed = staleMeters.sort((a, b) => (b.lastReadingAt ?? -Infinity) - (a.lastReadingAt ?? -Infinity)).slice(0, STALE_METERS_LISTED);
  return { state, since, asOf, staleMeters: listed, staleCount: staleMeters.length, staleKw };
}

/** The next instant after `at` when one of these meters' power goes stale; null when none is live. */
export function nextStaleAt(samples: Iterable<PowerSample>, at: number): number | null {
  let next: number | null = null;
  for (const sample of samples) {
    const until = staleAt(sample);
    if (until !== null && until > at) next = next === null ? until : Math.min(next, until);
  }
  return next;
}
