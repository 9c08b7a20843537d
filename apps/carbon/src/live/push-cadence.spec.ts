import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PushCadence } from './push-cadence.js';

describe(PushCadence.name, () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });
  afterEach(() => vi.useRealTimers());

  /** The instants (ms since the start) of each push. */
  const recorder = () => {
    const at: number[] = [];
    return { at, push: () => at.push(Date.now()) };
  };

  it('should push the first change after a quiet spell at once', () => {
    const { at, push } = recorder();
    new PushCadence(1000, push, { quietAfterMs: 10_000 }).changed();
    expect(at).toEqual([0]);
  });

  it('should push every interval, evenly, while readings come every 2 s (issue 20, item 10)', () => {
    // five gateways publishing together every 2 s, as the park simulator does, from t = 0 to t = 40 s
    const { at, push } = recorder();
    const cadence = new PushCadence(1000, push, { quietAfterMs: 10_000 });
    for (let t = 0; t < 40_000; t += 2000) {
      for (let gateway = 0; gateway < 5; gateway += 1) cadence.changed();
      vi.advanceTimersByTime(2000);
    }
    // a push at 0, 1 000, …, 39 000 ms: 40 in 40 s, every gap 1 000 ms
    expect(at.slice(0, 40)).toEqual(Array.from({ length: 40 }, (_, index) => index * 1000));
  });

  it('should fold the changes inside an interval into its beat', () => {
    const { at, push } = recorder();
    const cadence = new PushCadence(1000, push, { quietAfterMs: 10_000 });
    cadence.changed(); // t = 0: at once
    vi.advanceTimersByTime(200);
    cadence.changed();
    vi.advanceTimersByTime(300);
    cadence.changed();
    vi.advanceTimersByTime(499); // t = 999
    expect(at).toEqual([0]);
    vi.advanceTimersByTime(1); // t = 1 000: the beat
    expect(at).toEqual([0, 1000]);
  });

  it('should keep its beat when a push takes time', () => {
    // each push holds the event loop for 300 ms: the next still goes at the next whole interval
    const clock = manualClock();
    const at: number[] = [];
    const cadence = new PushCadence(1000, () => {
      at.push(clock.timers.now());
      clock.spend(300);
      cadence.changed();
    }, { quietAfterMs: 10_000 }, clock.timers);
    cadence.changed();
    clock.runUntil(3000);
    expect(at).toEqual([0, 1000, 2000, 3000]);
  });

  it('should skip the beats a blocked event loop missed, not send them in a burst', () => {
    const clock = manualClock();
    const at: number[] = [];
    const cadence = new PushCadence(1000, () => at.push(clock.timers.now()), { quietAfterMs: 10_000 }, clock.timers);
    cadence.changed();
    clock.spend(3500); // the event loop held for 3.5 s: the beat due at 1 000 runs at 3 500
    cadence.changed();
    clock.runUntil(4500);
    // 1 000, 2 000 and 3 000 missed: one push at 3 500, then the beat again at 4 000
    expect(at).toEqual([0, 3500, 4000]);
  });

  it('should stop once nothing changed for its quiet spell, and push the next change at once', () => {
    const { at, push } = recorder();
    const cadence = new PushCadence(1000, push, { quietAfterMs: 3000 });
    cadence.changed();
    vi.advanceTimersByTime(10_000);
    // beats at 1 000 and 2 000 (under 3 s since the change); at 3 000 the quiet spell is over
    expect(at).toEqual([0, 1000, 2000]);
    vi.advanceTimersByTime(2500); // t = 12 500
    cadence.changed();
    expect(at).toEqual([0, 1000, 2000, 12_500]);
  });

  it('should push nothing more once stopped', () => {
    const { at, push } = recorder();
    const cadence = new PushCadence(1000, push, { quietAfterMs: 10_000 });
    cadence.changed();
    cadence.stop();
    vi.advanceTimersByTime(5000);
    expect(at).toEqual([0]);
  });
});

/** Timers whose time moves only when told: `spend` is time a callback takes, `runUntil` runs what is due meanwhile. */
function manualClock() {
  let now = 0;
  let nextId = 0;
  const due = new Map<number, { at: number; callback: () => void }>();
  return {
    timers: {
      setTimeout: (callback: () => void, ms: number) => {
        nextId += 1;
        due.set(nextId, { at: now + ms, callback });
        return nextId;
      },
      clearTimeout: (handle: unknown) => void due.delete(handle as number),
      now: () => now,
    },
    spend(ms: number) {
      now += ms;
    },
    runUntil(until: number) {
      for (;;) {
        const [id, first] = [...due].sort(([, a], [, b]) => a.at - b.at)[0] ?? [];
        if (id === undefined || first === undefined || first.at > until) break;
        due.delete(id);
        now = Math.max(now, first.at);
        first.callback();
      }
      now = Math.max(now, until);
    },
  };
}
