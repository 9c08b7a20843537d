import { describe, expect, it } from 'vitest';
import { LiveParkState } from './live-park-state.js';
import { HOUR, reading, T0, TEST_PARK } from './test-park.fixture.js';

// One hour of a park on a sunny morning, East China grid 2023 average: 0.5500 kg/kWh.
describe(`${LiveParkState.name}: grid import, PV with export, gas`, () => {
  const state = new LiveParkState(TEST_PARK);
  // 10:00 — counters' first readings set the baseline; no energy yet
  state.apply(reading('GRID', T0, { energy_import_kwh: 10_000, energy_export_kwh: 500, power_kw: 300 }));
  state.apply(reading('PV', T0, { energy_export_kwh: 2_000, power_kw: 150 }));
  state.apply(reading('B01-MAIN', T0, { energy_import_kwh: 7_000, power_kw: 280 }));
  state.apply(reading('B02-MAIN', T0, { energy_import_kwh: 3_000, power_kw: 150 }));
  state.apply(reading('B02-GAS', T0, { gas_m3: 100 }));
  // 11:00
  state.apply(reading('GRID', T0 + HOUR, { energy_import_kwh: 10_300, energy_export_kwh: 520, power_kw: 310 }));
  state.apply(reading('PV', T0 + HOUR, { energy_export_kwh: 2_200, power_kw: 190 }));
  state.apply(reading('B01-MAIN', T0 + HOUR, { energy_import_kwh: 7_300, power_kw: 320 }));
  state.apply(reading('B02-MAIN', T0 + HOUR, { energy_import_kwh: 3_150, power_kw: 160 }));
  state.apply(reading('B02-GAS', T0 + HOUR, { gas_m3: 110 }));
  const snapshot = state.snapshot(T0 + HOUR);

  it('should count energy from counter differences', () => {
    expect(snapshot.gridImportTodayKwh).toBeCloseTo(300, 6); // 10 300 − 10 000
    expect(snapshot.gridExportTodayKwh).toBeCloseTo(20, 6); // 520 − 500
    expect(snapshot.generationTodayKwh).toBeCloseTo(200, 6); // 2 200 − 2 000
  });

  it('should take consumption as import + generation − export', () => {
    expect(snapshot.energyTodayKwh).toBeCloseTo(480, 6); // 300 + 200 − 20
  });

  it('should compute Scope 2 location-based on gross import, exports not subtracted', () => {
    expect(snapshot.scope2LocationTodayKg).toBeCloseTo(165, 6); // 300 kWh × 0.5500 kg/kWh = 165.000 kg
  });

  it('should compute Scope 1 from gas at the China default factor', () => {
    expect(snapshot.scope1TodayKg).toBeCloseTo(21.62, 6); // 10 m³ × 2.162 kg/m³ = 21.620 kg
    expect(snapshot.emissionsTodayKg).toBeCloseTo(186.62, 6); // 165.000 + 21.620
  });

  it('should give the intensity of electricity consumed, PV counting with zero', () => {
    expect(snapshot.intensityTodayGPerKwh).toBeCloseTo(343.75, 2); // 165 000 g ÷ 480 kWh
    // now: 310 kW from the grid × 550 g/kWh ÷ (310 + 190) kW consumed = 341.0 g/kWh
    expect(snapshot.intensityNowGPerKwh).toBeCloseTo(341, 2);
    expect(snapshot.powerKw).toBeCloseTo(500, 6); // 310 + 190
  });

  it('should give the renewable share as on-site generation used on site over consumption', () => {
    expect(snapshot.renewableShareToday).toBeCloseTo(0.375, 6); // (200 − 20) ÷ 480
  });

  it('should give a building its consumption × the park intensity, plus its own gas', () => {
    const [hall, kitchen] = snapshot.buildings;
    expect(hall?.energyTodayKwh).toBeCloseTo(300, 6); // 7 300 − 7 000
    expect(hall?.emissionsTodayKg).toBeCloseTo(103.125, 3); // 300 kWh × 343.75 g/kWh = 103.125 kg
    expect(hall?.powerKw).toBe(320);
    expect(kitchen?.energyTodayKwh).toBeCloseTo(150, 6); // 3 150 − 3 000
    expect(kitchen?.emissionsTodayKg).toBeCloseTo(73.1825, 3); // 150 × 0.34375 + 10 m³ × 2.162 = 51.5625 + 21.620
  });

  it('should name the factor that made the figures', () => {
    expect(snapshot.factor).toMatchObject({ region: 'east-china', year: 2023, kgCo2PerKwh: 0.55 });
    expect(snapshot.factor.factorSetVersion).toMatch(/^cn-mee-nbs-2023/);
  });

  it('should report the park day in Asia/Shanghai and the newest reading', () => {
    expect(snapshot.day).toBe('2026-11-28');
    expect(snapshot.lastReadingAt).toBe(T0 + HOUR);
  });
});

describe(`${LiveParkState.name}: readings that must not move the figures`, () => {
  it('should ignore a duplicate and an out-of-order reading', () => {
    const state = new LiveParkState(TEST_PARK);
    state.apply(reading('B01-MAIN', T0, { energy_import_kwh: 100 }));
    state.apply(reading('B01-MAIN', T0 + HOUR, { energy_import_kwh: 150 }));
    expect(state.apply(reading('B01-MAIN', T0 + HOUR, { energy_import_kwh: 150 }))).toBe(false);
    expect(state.apply(reading('B01-MAIN', T0 + HOUR / 2, { energy_import_kwh: 120 }))).toBe(false);
    expect(state.snapshot(T0 + HOUR).buildings[0]?.energyTodayKwh).toBeCloseTo(50, 6); // 150 − 100, once
  });

  it('should not count a jump above rated power × elapsed time', () => {
    const state = new LiveParkState(TEST_PARK);
    state.apply(reading('B01-MAIN', T0, { energy_import_kwh: 100 }));
    // 1 000 kW rated × 1 h = 1 000 kWh at most; 5 000 kWh is implausible
    state.apply(reading('B01-MAIN', T0 + HOUR, { energy_import_kwh: 5_100 }));
    state.apply(reading('B01-MAIN', T0 + 2 * HOUR, { energy_import_kwh: 5_150 }));
    expect(state.snapshot(T0 + 2 * HOUR).buildings[0]?.energyTodayKwh).toBeCloseTo(50, 6); // only 5 150 − 5 100
  });

  it('should ignore a meter the registry does not know', () => {
    const state = new LiveParkState(TEST_PARK);
    expect(state.apply({ ...reading('B01-MAIN', T0, { power_kw: 1 }), meter: 'GHOST' })).toBe(false);
  });

  it('should start today from zero after midnight in the park time zone', () => {
    const state = new LiveParkState(TEST_PARK);
    const midnight = Date.UTC(2026, 10, 28, 16, 0); // 2026-11-29 00:00 Asia/Shanghai
    state.apply(reading('B01-MAIN', midnight - 2 * HOUR, { energy_import_kwh: 100 }));
    state.apply(reading('B01-MAIN', midnight - HOUR, { energy_import_kwh: 130 }));
    expect(state.snapshot(midnight - HOUR).buildings[0]?.energyTodayKwh).toBeCloseTo(30, 6);
    expect(state.snapshot(midnight + 1).buildings[0]?.energyTodayKwh).toBe(0); // a new day, nothing yet
    state.apply(reading('B01-MAIN', midnight + HOUR, { energy_import_kwh: 170 }));
    expect(state.snapshot(midnight + HOUR).buildings[0]?.energyTodayKwh).toBeCloseTo(40, 6); // 170 − 130
  });

  it('should have no intensity nor renewable share before anything is consumed', () => {
    const snapshot = new LiveParkState(TEST_PARK).snapshot(T0);
    expect(snapshot.intensityTodayGPerKwh).toBeNull();
    expect(snapshot.intensityNowGPerKwh).toBeNull();
    expect(snapshot.renewableShareToday).toBeNull();
  });
});
