import { describe, expect, it } from 'vitest';
import { HOUR, T0, testPark } from '../test-park.fixture.js';
import { ledgerFed } from './feed.fixture.js';

describe('a five-digit grid counter that rolls over', () => {
  const park = testPark({}, { GRID: { counter: { onDecrease: 'rollover', modulus: 100000 } } });
  // 10:00 99 950 kWh, 11:00 30 kWh: it passed 99 999 and wrapped to zero
  const ledger = ledgerFed(park, [
    ['GRID', T0, { energy_import_kwh: 99950 }],
    ['GRID', T0 + HOUR, { energy_import_kwh: 30 }],
  ]);
  const { today, quality } = ledger.snapshot(T0 + HOUR);

  it('should count what was left to the top plus what it counted since', () => {
    // 100 000 − 99 950 + 30 = 80 kWh
    expect(today.gridImportKwh).toBeCloseTo(80, 9);
    // 80 kWh × 0.5500 kg/kWh = 44.000 kg
    expect(today.scope2LocationKg).toBeCloseTo(44, 3);
    expect(quality.counterRollovers).toBe(1);
  });
});
