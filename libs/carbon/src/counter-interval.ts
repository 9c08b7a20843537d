import type { CounterBehaviour } from '@zeropark/contracts';
import { dec, type Decimal } from './decimal.js';

/**
 * Energy comes from counter differences, not from integrating power (docs/carbon-method.md, §1).
 * Two successive readings of a counter become the quantity used between them;
 * what cannot be real is refused, never turned into a negative or a spike.
 */
export interface CounterSample {
  ts: number;
  value: number;
}

export type CounterInterval =
  /** Used between `from` and `to`; `how` says whether the counter ran normally, was reset or rolled over. */
  | { kind: 'energy'; from: number; to: number; amount: Decimal; how: 'rise' | 'reset' | 'rollover' }
  /** Older than the last reading, or the same instant again: nothing new, harmless. */
  | { kind: 'stale' }
  /** More than the meter's rated power could deliver in the time between: not counted, flagged. */
  | { kind: 'implausible'; from: number; to: number; amount: Decimal; limit: Decimal };

const HOUR_MS = 3_600_000;

/**
 * @param behaviour what the counter does when it goes backwards (the registry says)
 * @param ratedPowerKw for electricity counters in kWh: a rise above rated power × elapsed hours is implausible
 */
export function counterInterval(previous: CounterSample, next: CounterSample, behaviour: CounterBehaviour, ratedPowerKw: number | null): CounterInterval {
  if (next.ts <= previous.ts) return { kind: 'stale' };
  const [from, to] = [previous.ts, next.ts];
  let amount: Decimal;
  let how: 'rise' | 'reset' | 'rollover';
  if (next.value >= previous.value) {
    amount = dec(next.value).minus(dec(previous.value));
    how = 'rise';
  } else if (behaviour.onDecrease === 'rollover') {
    // wrapped past its largest value: what was left to the top, plus what it counted from zero
    amount = dec(behaviour.modulus).minus(dec(previous.value)).plus(dec(next.value));
    how = 'rollover';
  } else {
    // reset (a replaced meter, a cleared register): it counted from zero
    amount = dec(next.value);
    how = 'reset';
  }
  if (ratedPowerKw !== null) {
    const limit = dec(ratedPowerKw).times(to - from).dividedBy(HOUR_MS);
    if (amount.greaterThan(limit)) return { kind: 'implausible', from, to, amount, limit };
  }
  return { kind: 'energy', from, to, amount, how };
}
