import { describe, expect, it } from 'vitest';
import { counterDelta } from './counter-delta.js';

const HOUR = 3_600_000;

describe(counterDelta.name, () => {
  it('should give the rise of a counter as the energy between two readings', () => {
    expect(counterDelta({ ts: 0, value: 183_245.12 }, { ts: HOUR, value: 183_329.32 })).toEqual({
      kind: 'delta',
      amount: expect.closeTo(84.2, 6) as number, // 183 329.32 − 183 245.12
    });
  });

  it('should read a counter that went backwards as a reset, counting from zero, never negative', () => {
    expect(counterDelta({ ts: 0, value: 9_000 }, { ts: HOUR, value: 12 })).toEqual({ kind: 'reset', amount: 12 });
  });

  it('should call a reading at or before the previous one stale', () => {
    expect(counterDelta({ ts: HOUR, value: 10 }, { ts: HOUR, value: 11 })).toEqual({ kind: 'stale' });
    expect(counterDelta({ ts: HOUR, value: 10 }, { ts: 0, value: 9 })).toEqual({ kind: 'stale' });
  });

  it('should refuse a rise above rated power × elapsed time', () => {
    // 100 kW × 0.5 h = 50 kWh at most
    expect(counterDelta({ ts: 0, value: 0 }, { ts: HOUR / 2, value: 51 }, 100)).toEqual({ kind: 'implausible', amount: 51, limit: 50 });
    expect(counterDelta({ ts: 0, value: 0 }, { ts: HOUR / 2, value: 50 }, 100)).toEqual({ kind: 'delta', amount: 50 });
  });
});
