import type { CounterBehaviour } from '@zeropark/contracts';
import { counterInterval, type CounterInterval, type CounterSample } from './counter-interval.js';

/**
 * What a counter is measured from, and a jump not yet judged (docs/carbon-method.md, §1, the
 * implausible difference). A reading whose interval from the baseline is implausible never becomes
 * the baseline at once: it is held as the suspect until the counter's next reading says what it
 * was. The ledger keeps the two apart (a suspect is rare), so a meter's live state grows by
 * nothing for it.
 */
export interface CounterBaseline {
  /** The last reading that counted: the next interval is measured from it. */
  baseline: CounterSample;
  /** A reading whose interval from `baseline` was implausible, waiting for the counter's next reading. */
  suspect: CounterSample | null;
}

type EnergyInterval = Extract<CounterInterval, { kind: 'energy' }>;

/**
 * What one more reading of a counter means. After `first`, `energy` and `rebaselined` the reading
 * is the counter's baseline and nothing is held; after `held` the baseline stays and the reading
 * is the suspect.
 */
export type CounterStep =
  /** The counter's first reading: it sets the baseline, nothing is used yet. */
  | { kind: 'first' }
  /** At or before the newest reading already taken: nothing new (a duplicate or out of order). */
  | { kind: 'stale' }
  /**
   * Used since the baseline. `outlier` is the held jump this reading showed to be a glitch: it is
   * dropped, and the interval spans it from the last reading that counted.
   */
  | { kind: 'energy'; interval: EnergyInterval; outlier: CounterSample | null }
  /** Implausible from the baseline (and from any held jump, which is then dropped as `outlier`): held as the new suspect. */
  | { kind: 'held'; outlier: CounterSample | null }
  /**
   * The held jump confirmed: this reading rose plausibly from it and not from the baseline, so the
   * meter was re-baselined or replaced. `gap` (baseline to jump) is unmetered, counted as no
   * energy; `interval` (jump to this reading) counts.
   */
  | { kind: 'rebaselined'; gap: { from: number; to: number }; interval: EnergyInterval };

const FIRST: CounterStep = { kind: 'first' };
const STALE: CounterStep = { kind: 'stale' };

/**
 * The counter's next step from `next`. The baseline is tried first, so a reading that continues
 * from the last one that counted always wins over a jump: one glitch costs no energy. A held jump
 * is confirmed by the counter's very next reading alone, whenever it comes, when that reading is
 * a normal rise from the jump within rated power × time and is implausible from the baseline.
 *
 * @param ratedPowerKw for electricity counters in kWh; null where nothing is implausible
 */
export function counterStep(state: CounterBaseline | undefined, next: CounterSample, behaviour: CounterBehaviour, ratedPowerKw: number | null): CounterStep {
  if (state === undefined) return FIRST;
  const { baseline, suspect } = state;
  if (next.ts <= (suspect ?? baseline).ts) return STALE;

  const fromBaseline = counterInterval(baseline, next, behaviour, ratedPowerKw);
  if (fromBaseline.kind === 'energy') return { kind: 'energy', interval: fromBaseline, outlier: suspect };
  if (suspect !== null) {
    const fromSuspect = counterInterval(suspect, next, behaviour, ratedPowerKw);
    if (fromSuspect.kind === 'energy' && fromSuspect.how === 'rise') return { kind: 'rebaselined', gap: { from: baseline.ts, to: suspect.ts }, interval: fromSuspect };
  }
  return { kind: 'held', outlier: suspect };
}
