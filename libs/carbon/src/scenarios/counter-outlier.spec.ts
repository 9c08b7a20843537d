import { describe, expect, it } from 'vitest';
import { MINUTE, T0, testPark } from '../test-park.fixture.js';
import { ledgerFed } from './feed.fixture.js';

describe('a single implausible reading between two sound ones', () => {
  // a building meter rated 2 000 kW: at most 2 000 × 5/60 = 166.67 kWh in five minutes
  const park = testPark({}, { 'B01-MAIN': { ratedPowerKw: 2000 } });
  const ledger = ledgerFed(park, [
    ['B01-MAIN', T0, { energy_import_kwh: 500, power_kw: 700 }],
    ['B01-MAIN', T0 + 5 * MINUTE, { energy_import_kwh: 560 }],
    ['B01-MAIN', T0 + 10 * MINUTE, { energy_import_kwh: 70_560 }],
    ['B01-MAIN', T0 + 15 * MINUTE, { energy_import_kwh: 640 }],
  ]);
  const snapshot = ledger.snapshot(T0 + 15 * MINUTE);

  it('should count the next reading from the last sound one, so the glitch costs no energy', () => {
    // 560 − 500 = 60 kWh, then 640 − 560 = 80 kWh across the glitch: 140 kWh
    expect(snapshot.buildings.find((building) => building.buildingId === 'B01')?.today.electricityKwh).toBeCloseTo(140, 9);
  });

  it('should flag the jump, call it an outlier, and count no reset', () => {
    expect(snapshot.quality).toMatchObject({ implausibleIntervals: 1, outlierReadings: 1, counterJumps: 0, counterResets: 0 });
  });

  it('should never show the glitch as the counter value', () => {
    expect(ledgerFed(park, [
      ['B01-MAIN', T0, { energy_import_kwh: 500, power_kw: 700 }],
      ['B01-MAIN', T0 + 5 * MINUTE, { energy_import_kwh: 70_500 }],
    ]).meterLive().get('B01-MAIN')).toEqual({ values: { energy_import_kwh: 500, power_kw: 700 }, implausibleIntervals: 1 });
    expect(ledger.meterLive().get('B01-MAIN')?.values.energy_import_kwh).toBe(640);
  });
});
