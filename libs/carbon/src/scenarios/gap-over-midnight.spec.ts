import { describe, expect, it } from 'vitest';
import { HOUR, TEST_PARK } from '../test-park.fixture.js';
import { ledgerFed } from './feed.fixture.js';

describe('a gap in the readings across midnight', () => {
  // 2026-11-28 23:30 and 2026-11-29 00:30 in Asia/Shanghai (15:30 and 16:30 UTC)
  const before = Date.UTC(2026, 10, 28, 15, 30);
  const after = before + HOUR;
  const ledger = ledgerFed(TEST_PARK, [
    ['GRID', before, { energy_import_kwh: 500 }],
    ['B01-MAIN', before, { energy_import_kwh: 200 }],
    ['GRID', after, { energy_import_kwh: 560 }],
    ['B01-MAIN', after, { energy_import_kwh: 240 }],
  ]);
  const snapshot = ledger.snapshot(after);

  it('should spread the difference evenly over the gap, half on each day', () => {
    expect(snapshot.day).toBe('2026-11-29');
    // 60 kWh over 60 min: 30 min on the 29th = 30 kWh
    expect(snapshot.today.gridImportKwh).toBeCloseTo(30, 9);
    // 40 kWh over 60 min: 20 kWh on the 29th
    expect(snapshot.buildings.find((building) => building.buildingId === 'B01')?.today.electricityKwh).toBeCloseTo(20, 9);
  });

  it('should keep the whole difference in the month, nothing lost at midnight', () => {
    // November holds both days: 30 + 30 = 60 kWh; × 0.5500 = 33.000 kg
    expect(snapshot.month.gridImportKwh).toBeCloseTo(60, 9);
    expect(snapshot.month.scope2LocationKg).toBeCloseTo(33, 3);
  });
});
