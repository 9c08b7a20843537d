import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PushThrottle } from './push-throttle.js';

describe(PushThrottle.name, () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('should push the first change after a quiet interval at once', () => {
    const push = vi.fn();
    new PushThrottle(1000, push).changed();
    expect(push).toHaveBeenCalledTimes(1);
  });

  it('should fold the changes inside an interval into one push at its end', () => {
    const push = vi.fn();
    const throttle = new PushThrottle(1000, push);
    throttle.changed(); // t = 0: at once
    vi.advanceTimersByTime(200);
    throttle.changed();
    vi.advanceTimersByTime(300);
    throttle.changed();
    expect(push).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(499); // t = 999
    expect(push).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1); // t = 1000: the folded push
    expect(push).toHaveBeenCalledTimes(2);
  });

  it('should not push at the end of an interval without change', () => {
    const push = vi.fn();
    const throttle = new PushThrottle(1000, push);
    throttle.changed();
    vi.advanceTimersByTime(5000);
    expect(push).toHaveBeenCalledTimes(1);
    throttle.changed(); // quiet since t = 1000: at once again
    expect(push).toHaveBeenCalledTimes(2);
  });

  it('should never push more than once per interval under a steady stream of changes', () => {
    const push = vi.fn();
    const throttle = new PushThrottle(100, push);
    for (let t = 0; t < 1000; t += 10) {
      throttle.changed();
      vi.advanceTimersByTime(10);
    }
    expect(push).toHaveBeenCalledTimes(11); // at 0, 100, …, 1 000 ms: 1 000 ÷ 100 + 1
  });
});
