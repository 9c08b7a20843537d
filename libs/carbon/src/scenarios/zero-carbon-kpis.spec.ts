import { describe, expect, it } from 'vitest';
import { HOUR, T0, testPark } from '../test-park.fixture.js';
import { ledgerFed } from './feed.fixture.js';

describe('the zero-carbon park KPIs', () => {
  const park = testPark({ yearlyBudgetTCo2: 1 });
  // one hour: grid import 100 kWh, PV 100 kWh (none exported), 10 m³ of gas
  const ledger = ledgerFed(park, [
    ['GRID', T0, { energy_import_kwh: 0 }],
    ['PV', T0, { energy_export_kwh: 0 }],
    ['B02-GAS', T0, { gas_m3: 0 }],
    ['GRID', T0 + HOUR, { energy_import_kwh: 100 }],
    ['PV', T0 + HOUR, { energy_export_kwh: 100 }],
    ['B02-GAS', T0 + HOUR, { gas_m3: 10 }],
  ]);
  const { today, budget } = ledger.snapshot(T0 + HOUR);

  it('should convert all energy to tonnes of coal equivalent (GB/T 2589-2020)', () => {
    // 200 kWh × 0.1229 kgce/kWh = 24.580 kgce; 10 m³ × 1.2143 kgce/m³ = 12.143 kgce; 36.723 kgce = 0.036723 tce
    expect(today.energyTce).toBeCloseTo(0.036723, 9);
  });

  it('should give t CO₂ per tce and the clean-energy share', () => {
    // emissions: 100 kWh × 0.55 = 55 kg + 10 m³ × 2.162188809 = 21.62188809 kg → 76.62188809 kg = 0.07662188809 t
    // 0.07662188809 t ÷ 0.036723 tce = 2.086482 t/tce
    expect(today.tCo2PerTce).toBeCloseTo(2.086482, 6);
    // PV 100 kWh × 0.1229 = 12.290 kgce of 36.723 kgce = 0.334668
    expect(today.cleanEnergyShare).toBeCloseTo(0.334668, 6);
  });

  it('should show the year against its budget', () => {
    // 0.07662188809 t of 1 t
    expect(budget).toEqual({ yearlyTCo2: 1, usedTCo2: expect.closeTo(0.07662188809, 9), usedShare: expect.closeTo(0.07662188809, 9) });
  });
});
