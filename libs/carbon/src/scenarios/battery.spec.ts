import { describe, expect, it } from 'vitest';
import { HOUR, T0, TEST_PARK } from '../test-park.fixture.js';
import { ledgerFed } from './feed.fixture.js';

describe('a battery behind the grid meter', () => {
  // over one hour: grid import 200 kWh; the battery charged 40 kWh and discharged 10 kWh
  const ledger = ledgerFed(TEST_PARK, [
    ['GRID', T0, { energy_import_kwh: 0 }],
    ['BATT', T0, { energy_import_kwh: 100, energy_export_kwh: 90 }],
    ['GRID', T0 + HOUR, { energy_import_kwh: 200, power_kw: 180 }],
    ['BATT', T0 + HOUR, { energy_import_kwh: 140, energy_export_kwh: 100, power_kw: 30 }],
  ]);
  const { today, power } = ledger.snapshot(T0 + HOUR);

  it('should count what the battery holds as not yet consumed', () => {
    // 200 − 40 + 10 = 170 kWh
    expect(today.electricityConsumedKwh).toBeCloseTo(170, 9);
    // now: 180 kW from the grid − 30 kW into the battery = 150 kW
    expect(power.consumptionKw).toBe(150);
  });

  it('should charge the intensity with the grid import the battery stored', () => {
    // 200 kWh × 0.5500 = 110.000 kg; 110 000 g ÷ 170 kWh = 647.06 g/kWh
    expect(today.scope2LocationKg).toBeCloseTo(110, 3);
    expect(today.intensityGPerKwh).toBeCloseTo(647.058824, 2);
  });
});
