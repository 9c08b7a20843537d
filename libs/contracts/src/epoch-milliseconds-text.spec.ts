import { describe, expect, it } from 'vitest';
import { epochMillisecondsText } from './epoch-milliseconds-text.js';

describe(epochMillisecondsText.name, () => {
  it('should write the same text as String() for times of our era, their edges and their low digits', () => {
    const times = [
      1_764_325_800_000, 1_764_325_800_001, 1_764_325_000_000, 1_764_325_099_999, 1_764_325_100_000, 1_700_000_000_123,
      100_000_000_000, 2 ** 31, 2 ** 31 - 1, 2 ** 31 + 1, 4_102_444_800_000, Number.MAX_SAFE_INTEGER,
    ];
    for (const ms of times) expect(epochMillisecondsText(ms)).toBe(String(ms));
  });

  it('should write the same text as String() for a million consecutive and a million spread milliseconds', () => {
    for (let ms = 1_764_325_000_000; ms < 1_764_326_000_000; ms += 1) {
      if (epochMillisecondsText(ms) !== String(ms)) expect(epochMillisecondsText(ms)).toBe(String(ms));
    }
    for (let step = 0, ms = 100_000_000_000; step < 1_000_000; step += 1, ms += 9_006_999_254) {
      if (epochMillisecondsText(ms) !== String(ms)) expect(epochMillisecondsText(ms)).toBe(String(ms));
    }
  });

  it('should write what String() writes for numbers that are not a whole positive time', () => {
    for (const value of [0, -1, -1_764_325_800_000, 1_764_325_800_000.5, Number.MAX_SAFE_INTEGER + 2, 1e21, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(epochMillisecondsText(value)).toBe(String(value));
    }
  });
});
