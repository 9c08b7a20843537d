import { describe, expect, it } from 'vitest';
import { HOUR, T0, TEST_PARK } from '../test-park.fixture.js';
import { ledgerFed } from './feed.fixture.js';

describe('a grid meter that is reset', () => {
  // 10:00 1000 kWh, 11:00 1100 kWh, then reset: 12:00 it reads 20 kWh (counted from zero)
  const ledger = ledgerFed(TEST_PARK, [
    ['GRID', T0, { energy_import_kwh: 1000 }],
    ['GRID', T0 + HOUR, { energy_import_kwh: 1100 }],
    ['GRID', T0 + 2 * HOUR, { energy_import_kwh: 20 }],
  ]);
  const { today, quality } = ledger.snapshot(T0 + 2 * HOUR);

  it('should count the energy after the reset from zero, not as a negative', () => {
    // 100 kWh + 20 kWh = 120 kWh
    expect(today.gridImportKwh).toBeCloseTo(120, 9);
    // 120 kWh × 0.5500 kg/kWh (MEE/NBS 2023 East China) = 66.000 kg
    expect(today.scope2LocationKg).toBeCloseTo(66, 3);
    expect(quality.counterResets).toBe(1);
  });
});
