import { describe, expect, it } from 'vitest';
import { HOUR, T0, TEST_PARK } from '../test-park.fixture.js';
import { ledgerFed } from './feed.fixture.js';

describe('buildings, their gas, and the electricity no sub-meter saw', () => {
  // one hour: grid 100 kWh; B01 50 kWh, B02 30 kWh and 10 m³ of gas
  const ledger = ledgerFed(TEST_PARK, [
    ['GRID', T0, { energy_import_kwh: 0 }],
    ['B01-MAIN', T0, { energy_import_kwh: 0 }],
    ['B02-MAIN', T0, { energy_import_kwh: 0 }],
    ['B02-GAS', T0, { gas_m3: 500 }],
    ['GRID', T0 + HOUR, { energy_import_kwh: 100 }],
    ['B01-MAIN', T0 + HOUR, { energy_import_kwh: 50, power_kw: 48 }],
    ['B02-MAIN', T0 + HOUR, { energy_import_kwh: 30 }],
    ['B02-GAS', T0 + HOUR, { gas_m3: 510 }],
  ]);
  const snapshot = ledger.snapshot(T0 + HOUR);
  const building = (id: string) => snapshot.buildings.find((candidate) => candidate.buildingId === id);

  it('should show the unmetered remainder, not hide it', () => {
    // 100 − (50 + 30) = 20 kWh
    expect(snapshot.today.unmeteredKwh).toBeCloseTo(20, 9);
  });

  it("should give each building its electricity × the park's intensity, plus its own fuel", () => {
    // park intensity: 100 kWh × 0.55 ÷ 100 kWh = 0.55 kg/kWh
    // B01: 50 kWh × 0.55 = 27.500 kg
    expect(building('B01')?.today.emissionsKg).toBeCloseTo(27.5, 3);
    expect(building('B01')?.powerKw).toBe(48);
    // B02: 30 kWh × 0.55 = 16.5 kg + 10 m³ × 2.162188809 kg/m³ = 21.62188809 kg → 38.12188809 kg
    expect(building('B02')?.today.emissionsKg).toBeCloseTo(38.12188809, 9);
  });

  it('should count the gas in Scope 1 of the park', () => {
    // Scope 1 21.62188809 kg + Scope 2 55 kg = 76.62188809 kg
    expect(snapshot.today.scope1Kg).toBeCloseTo(21.62188809, 9);
    expect(snapshot.today.emissionsLocationKg).toBeCloseTo(76.62188809, 9);
  });
});
