import { describe, expect, it } from 'vitest';
import { SeqTracker } from './seq-tracker.js';

describe(SeqTracker.name, () => {
  it('should follow a gateway counting one by one', () => {
    const tracker = new SeqTracker();
    expect([1842, 1843, 1844].map((seq) => tracker.observe('p1/g1', seq).kind)).toEqual(['first', 'next', 'next']);
  });

  it('should see a gap and how many batches it holds', () => {
    const tracker = new SeqTracker();
    tracker.observe('p1/g1', 10);
    expect(tracker.observe('p1/g1', 14)).toEqual({ kind: 'gap', missing: 3 }); // 11, 12, 13
  });

  it('should see a batch sent again, and go on from the highest seen', () => {
    const tracker = new SeqTracker();
    tracker.observe('p1/g1', 10);
    tracker.observe('p1/g1', 11);
    expect(tracker.observe('p1/g1', 11)).toEqual({ kind: 'replay' });
    expect(tracker.observe('p1/g1', 12)).toEqual({ kind: 'next' });
  });

  it('should keep gateways apart', () => {
    const tracker = new SeqTracker();
    tracker.observe('p1/g1', 10);
    expect(tracker.observe('p1/g2', 3)).toEqual({ kind: 'first' });
  });
});
