import { describe, expect, it } from 'vitest';
import { HOUR, testPark } from '../test-park.fixture.js';
import { ledgerFed } from './feed.fixture.js';

describe('a new grid factor from midnight of a new year', () => {
  const park = testPark({ factorsVersion: 'test-1', gridFactors: [{ year: 2027, kgCo2PerKwh: 0.5, source: 'test: the 2027 factor' }] });
  // 2026-12-31 23:30 → 2027-01-01 00:30 in Asia/Shanghai: 120 kWh over the hour
  const before = Date.UTC(2026, 11, 31, 15, 30);
  const after = before + HOUR;
  const ledger = ledgerFed(park, [
    ['GRID', before, { energy_import_kwh: 1000 }],
    ['GRID', after, { energy_import_kwh: 1120 }],
  ]);

  it('should apply each year its own factor, split at midnight', () => {
    const newYear = ledger.snapshot(after);
    // 60 kWh in 2027 × 0.5000 kg/kWh (registry, 2027) = 30.000 kg
    expect(newYear.today.scope2LocationKg).toBeCloseTo(30, 3);
    expect(newYear.year.scope2LocationKg).toBeCloseTo(30, 3);
    expect(newYear.factor.grid).toMatchObject({ kgCo2PerKwh: 0.5, year: 2027, origin: 'registry' });
    expect(newYear.factor.factorSetVersion).toBe('cn-mee-nbs-2023.2+p1:test-1');
  });

  it('should keep the old year at the old factor', () => {
    const oldYear = ledger.snapshot(before + 29 * 60_000);
    // 60 kWh in 2026 × 0.5500 kg/kWh (MEE/NBS 2023 East China, the newest for 2026) = 33.000 kg
    expect(oldYear.today.scope2LocationKg).toBeCloseTo(33, 3);
    expect(oldYear.factor.grid).toMatchObject({ kgCo2PerKwh: 0.55, year: 2023, origin: 'table' });
  });
});
