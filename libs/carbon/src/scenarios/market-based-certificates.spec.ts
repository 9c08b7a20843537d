import { describe, expect, it } from 'vitest';
import { HOUR, T0, testPark } from '../test-park.fixture.js';
import { ledgerFed } from './feed.fixture.js';

describe('market-based Scope 2 with green certificates', () => {
  const park = testPark({
    contracts: [{ id: 'GEC-2026-11', kind: 'certificate', kwh: 150, from: '2026-11-01', to: '2026-11-30', kgCo2PerKwh: 0, reference: 'GEC batch 0001' }],
  });
  // two hours of 100 kWh grid import each
  const ledger = ledgerFed(park, [
    ['GRID', T0, { energy_import_kwh: 0 }],
    ['GRID', T0 + HOUR, { energy_import_kwh: 100 }],
    ['GRID', T0 + 2 * HOUR, { energy_import_kwh: 200 }],
  ]);
  const { today, factor } = ledger.snapshot(T0 + 2 * HOUR);

  it('should cover grid import with the certificates in time order until they are used up', () => {
    // hour 1: 100 kWh covered; hour 2: the 50 kWh left
    expect(today.contractCoveredKwh).toBeCloseTo(150, 9);
  });

  it('should charge the rest at the residual factor, and leave location-based alone', () => {
    // 150 kWh × 0 + 50 kWh × 0.6096 kg/kWh (MEE/NBS 2023 national, excluding market-traded non-fossil) = 30.480 kg
    expect(today.scope2MarketKg).toBeCloseTo(30.48, 3);
    // 200 kWh × 0.5500 = 110.000 kg
    expect(today.scope2LocationKg).toBeCloseTo(110, 3);
    expect(factor.residual).toMatchObject({ region: 'national', year: 2023, kgCo2PerKwh: 0.6096 });
  });
});
