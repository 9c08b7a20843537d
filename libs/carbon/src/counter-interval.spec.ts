import { describe, expect, it } from 'vitest';
import { counterInterval } from './counter-interval.js';

const HOUR = 3_600_000;
const reset = { onDecrease: 'reset' } as const;

describe(counterInterval.name, () => {
  it('should take the difference of two readings exactly, as decimals', () => {
    const interval = counterInterval({ ts: 0, value: 183244.99 }, { ts: HOUR, value: 183245.12 }, reset, null);
    // 183245.12 − 183244.99 = 0.13 (in binary floating point: 0.12999999999301508)
    expect(interval).toMatchObject({ kind: 'energy', how: 'rise', from: 0, to: HOUR });
    expect(interval.kind === 'energy' && interval.amount.toString()).toBe('0.13');
  });

  it('should count a reset meter from zero, never as a negative', () => {
    const interval = counterInterval({ ts: 0, value: 5000 }, { ts: HOUR, value: 12 }, reset, null);
    expect(interval.kind === 'energy' && [interval.how, interval.amount.toString()]).toEqual(['reset', '12']);
  });

  it('should count a rollover as what was left to the top plus what it counted from zero', () => {
    const interval = counterInterval({ ts: 0, value: 99950 }, { ts: HOUR, value: 30 }, { onDecrease: 'rollover', modulus: 100000 }, null);
    // 100000 − 99950 + 30 = 80
    expect(interval.kind === 'energy' && [interval.how, interval.amount.toString()]).toEqual(['rollover', '80']);
  });

  it('should find nothing new in a reading older than the last or at the same instant', () => {
    expect(counterInterval({ ts: HOUR, value: 10 }, { ts: HOUR, value: 11 }, reset, null)).toEqual({ kind: 'stale' });
    expect(counterInterval({ ts: HOUR, value: 10 }, { ts: 0, value: 9 }, reset, null)).toEqual({ kind: 'stale' });
  });

  it('should refuse a rise above rated power × elapsed time', () => {
    const interval = counterInterval({ ts: 0, value: 0 }, { ts: HOUR / 2, value: 600 }, reset, 1000);
    // limit: 1000 kW × 0.5 h = 500 kWh < 600 kWh
    expect(interval.kind === 'implausible' && [interval.amount.toString(), interval.limit.toString()]).toEqual(['600', '500']);
  });
});
