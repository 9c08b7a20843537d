import { describe, expect, it } from 'vitest';
import { dec } from './decimal.js';
import { minutesCovered, spreadOverMinutes } from './minute-spread.js';

describe(spreadOverMinutes.name, () => {
  it('should spread an interval over its minutes in proportion to the time in each', () => {
    // 10:00:30 → 10:02:00, 9 kWh over 90 s: 30 s in 10:00 (3 kWh), 60 s in 10:01 (6 kWh)
    const shares = [...spreadOverMinutes(30_000, 120_000, dec(9))];
    expect(shares.map((share) => [share.minute, share.amount.toString()])).toEqual([
      [0, '3'],
      [60_000, '6'],
    ]);
  });

  it('should give shares that add up to the amount exactly', () => {
    // 10 kWh over 3 minutes: 3.333…, 3.333…, and the rest
    const shares = [...spreadOverMinutes(0, 180_000, dec(10))];
    expect(shares.reduce((sum, share) => sum.plus(share.amount), dec(0)).toString()).toBe('10');
  });

  it('should put an interval inside one minute in that minute alone', () => {
    expect([...spreadOverMinutes(61_000, 62_000, dec(1))].map((share) => share.minute)).toEqual([60_000]);
  });

  it('should give as many shares as minutesCovered says', () => {
    for (const [from, to] of [[30_000, 120_000], [0, 180_000], [61_000, 62_000], [59_999, 60_001], [0, 60_000], [12_345, 86_400_000 * 3 + 7]]) {
      expect([...spreadOverMinutes(from ?? 0, to ?? 0, dec(1))]).toHaveLength(minutesCovered(from ?? 0, to ?? 0));
    }
  });
});
