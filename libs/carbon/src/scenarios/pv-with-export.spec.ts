import { describe, expect, it } from 'vitest';
import { HOUR, T0, TEST_PARK } from '../test-park.fixture.js';
import { ledgerFed } from './feed.fixture.js';

describe('rooftop PV that exports its surplus', () => {
  // over one hour: grid import 100 kWh, export 50 kWh; PV generated 300 kWh
  const ledger = ledgerFed(TEST_PARK, [
    ['GRID', T0, { energy_import_kwh: 1000, energy_export_kwh: 400 }],
    ['PV', T0, { energy_export_kwh: 7000 }],
    ['GRID', T0 + HOUR, { energy_import_kwh: 1100, energy_export_kwh: 450, power_kw: -20 }],
    ['PV', T0 + HOUR, { energy_export_kwh: 7300, power_kw: 320 }],
  ]);
  const { today, power } = ledger.snapshot(T0 + HOUR);

  it('should count consumption as import + generation − export', () => {
    // 100 + 300 − 50 = 350 kWh
    expect(today.electricityConsumedKwh).toBeCloseTo(350, 9);
    // now: −20 kW from the grid + 320 kW of PV = 300 kW
    expect(power.consumptionKw).toBe(300);
  });

  it('should never subtract the export from Scope 2', () => {
    // gross import: 100 kWh × 0.5500 kg/kWh = 55.000 kg (not 50 kWh × 0.55)
    expect(today.scope2LocationKg).toBeCloseTo(55, 3);
  });

  it('should count PV at zero in the intensity and only what the park used in the renewable share', () => {
    // 55 000 g ÷ 350 kWh = 157.14 g/kWh
    expect(today.intensityGPerKwh).toBeCloseTo(157.142857, 2);
    // (300 − 50) ÷ 350 = 0.714286: the exported 50 kWh served someone else
    expect(today.renewableShare).toBeCloseTo(0.714286, 6);
  });
});
