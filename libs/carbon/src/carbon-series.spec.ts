import { describe, expect, it } from 'vitest';
import { sumByLocalPeriod } from './carbon-series.js';

describe(sumByLocalPeriod.name, () => {
  // 2026-11-29 21:15 and 21:30 in Shanghai (UTC+8), and 2026-11-30 00:15
  const sums = [
    { ts: Date.UTC(2026, 10, 29, 13, 15), sums: { gridImportKwh: 2 } },
    { ts: Date.UTC(2026, 10, 29, 13, 30), sums: { gridImportKwh: 3 } },
    { ts: Date.UTC(2026, 10, 29, 16, 15), sums: { gridImportKwh: 4 } },
  ];

  it('should add up each day of the zone, starting where the day begins there, not at its first data', () => {
    expect([...sumByLocalPeriod(sums, 'Asia/Shanghai', 'day')]).toEqual([
      // 2 + 3 kWh; 2026-11-29 00:00 in Shanghai is 2026-11-28 16:00 UTC
      ['2026-11-29', { start: Date.UTC(2026, 10, 28, 16), sums: { gridImportKwh: 5 } }],
      ['2026-11-30', { start: Date.UTC(2026, 10, 29, 16), sums: { gridImportKwh: 4 } }],
    ]);
  });

  it('should add up each month of the zone, starting on its first day', () => {
    // 2026-11-01 00:00 in Shanghai is 2026-10-31 16:00 UTC
    expect([...sumByLocalPeriod(sums, 'Asia/Shanghai', 'month')]).toEqual([['2026-11', { start: Date.UTC(2026, 9, 31, 16), sums: { gridImportKwh: 9 } }]]);
  });
});
