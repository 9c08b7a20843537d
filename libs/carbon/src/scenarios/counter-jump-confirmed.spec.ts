import { describe, expect, it } from 'vitest';
import { MINUTE, T0, testPark } from '../test-park.fixture.js';
import { ledgerFed } from './feed.fixture.js';

describe('a counter jump that the next reading confirms', () => {
  // rated 2 000 kW: at most 166.67 kWh in five minutes; the meter was replaced by one reading 70 000 more
  const park = testPark({}, { 'B01-MAIN': { ratedPowerKw: 2000 } });
  const ledger = ledgerFed(park, [
    ['B01-MAIN', T0, { energy_import_kwh: 500 }],
    ['B01-MAIN', T0 + 5 * MINUTE, { energy_import_kwh: 560 }],
    ['B01-MAIN', T0 + 10 * MINUTE, { energy_import_kwh: 70_560 }],
    ['B01-MAIN', T0 + 15 * MINUTE, { energy_import_kwh: 70_640 }],
    ['B01-MAIN', T0 + 20 * MINUTE, { energy_import_kwh: 70_700 }],
  ]);
  const snapshot = ledger.snapshot(T0 + 20 * MINUTE);

  it('should count no energy across the jump and count on from the new value', () => {
    // 60 kWh before, nothing for 10:05–10:10, then 80 + 60 from the new baseline: 200 kWh
    expect(snapshot.buildings.find((building) => building.buildingId === 'B01')?.today.electricityKwh).toBeCloseTo(200, 9);
  });

  it('should flag the interval as an unmetered jump, never as a reset', () => {
    expect(snapshot.quality).toMatchObject({ implausibleIntervals: 1, outlierReadings: 0, counterJumps: 1, counterResets: 0 });
    expect(ledger.meterLive().get('B01-MAIN')?.values.energy_import_kwh).toBe(70_700);
  });
});
