import { describe, expect, it } from 'vitest';
import { MINUTE, TEST_PARK } from '../test-park.fixture.js';
import { ledgerFed } from './feed.fixture.js';

describe("an outlier as the day's last reading before midnight", () => {
  // 2026-11-28 23:50 in Asia/Shanghai (15:50 UTC); the grid meter is rated 2 000 kW
  const before = Date.UTC(2026, 10, 28, 15, 50);
  const ledger = ledgerFed(TEST_PARK, [
    ['GRID', before, { energy_import_kwh: 100 }],
    ['GRID', before + 5 * MINUTE, { energy_import_kwh: 70_000 }],
    ['GRID', before + 15 * MINUTE, { energy_import_kwh: 130 }],
  ]);
  const snapshot = ledger.snapshot(before + 15 * MINUTE);

  it('should spread the energy from 23:50 to 00:05 over both days, nothing from the glitch', () => {
    // 30 kWh over 15 minutes: 10 minutes on the 28th (20 kWh), 5 on the 29th (10 kWh)
    expect(snapshot.day).toBe('2026-11-29');
    expect(snapshot.today.gridImportKwh).toBeCloseTo(10, 9);
    expect(snapshot.month.gridImportKwh).toBeCloseTo(30, 9);
    expect(snapshot.quality).toMatchObject({ implausibleIntervals: 1, outlierReadings: 1 });
  });
});
