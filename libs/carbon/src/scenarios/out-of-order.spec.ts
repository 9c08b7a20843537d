import { describe, expect, it } from 'vitest';
import { HOUR, T0, TEST_PARK } from '../test-park.fixture.js';
import { ledgerFed } from './feed.fixture.js';

describe('readings out of order and sent twice', () => {
  // 10:00, 12:00, then the 11:00 reading late, then 12:00 again
  const ledger = ledgerFed(TEST_PARK, [
    ['GRID', T0, { energy_import_kwh: 100 }],
    ['GRID', T0 + 2 * HOUR, { energy_import_kwh: 300 }],
    ['GRID', T0 + HOUR, { energy_import_kwh: 180 }],
    ['GRID', T0 + 2 * HOUR, { energy_import_kwh: 300 }],
  ]);
  const { today, quality } = ledger.snapshot(T0 + 2 * HOUR);

  it('should count the energy once, from the readings in time order', () => {
    // 300 − 100 = 200 kWh; the late and the repeated reading add nothing
    expect(today.gridImportKwh).toBeCloseTo(200, 9);
    expect(quality.staleReadings).toBe(2);
  });
});
