import { describe, expect, it } from 'vitest';
import { counterStep, type CounterBaseline } from './counter-baseline.js';

const MINUTE = 60_000;
const reset = { onDecrease: 'reset' } as const;
// rated 1 200 kW: at most 100 kWh in five minutes
const RATED = 1200;
const held: CounterBaseline = { baseline: { ts: 0, value: 500 }, suspect: { ts: 5 * MINUTE, value: 9000 } };

describe(counterStep.name, () => {
  it("should take a counter's first reading as its baseline", () => {
    expect(counterStep(undefined, { ts: 0, value: 500 }, reset, RATED)).toEqual({ kind: 'first' });
  });

  it('should hold an implausible reading without making it the baseline', () => {
    const step = counterStep({ baseline: { ts: 0, value: 500 }, suspect: null }, { ts: 5 * MINUTE, value: 9000 }, reset, RATED);
    expect(step).toEqual({ kind: 'held', outlier: null });
  });

  it('should drop a held jump when the next reading continues from the baseline', () => {
    const step = counterStep(held, { ts: 10 * MINUTE, value: 580 }, reset, RATED);
    // 580 − 500 = 80 kWh over ten minutes, below 200
    expect(step.kind === 'energy' && [step.interval.amount.toString(), step.interval.from, step.outlier]).toEqual(['80', 0, held.suspect]);
  });

  it('should confirm a held jump when the next reading rises normally from it', () => {
    const step = counterStep(held, { ts: 10 * MINUTE, value: 9050 }, reset, RATED);
    expect(step.kind === 'rebaselined' && [step.gap, step.interval.amount.toString(), step.interval.from]).toEqual([{ from: 0, to: 5 * MINUTE }, '50', 5 * MINUTE]);
  });

  it('should hold a reading implausible from both, dropping the jump held before it', () => {
    const step = counterStep(held, { ts: 10 * MINUTE, value: 40_000 }, reset, RATED);
    expect(step).toEqual({ kind: 'held', outlier: held.suspect });
  });

  it('should not confirm a jump by a reading that falls from it', () => {
    // 8 950 < 9 000 would be a reset from the jump, and 8 950 − 500 is implausible from the baseline
    expect(counterStep(held, { ts: 10 * MINUTE, value: 8950 }, reset, RATED).kind).toBe('held');
  });

  it('should find nothing new at or before the held reading', () => {
    expect(counterStep(held, { ts: 5 * MINUTE, value: 520 }, reset, RATED)).toEqual({ kind: 'stale' });
  });
});
