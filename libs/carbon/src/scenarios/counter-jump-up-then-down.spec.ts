import { describe, expect, it } from 'vitest';
import { MINUTE, T0, testPark } from '../test-park.fixture.js';
import { ledgerFed } from './feed.fixture.js';

describe('a counter that jumps up, runs there, and jumps back down', () => {
  // rated 2 000 kW (≤ 166.67 kWh in five minutes): a meter swapped for another and then back
  const park = testPark({}, { 'B01-MAIN': { ratedPowerKw: 2000 } });
  const ledger = ledgerFed(park, [
    ['B01-MAIN', T0, { energy_import_kwh: 500 }],
    ['B01-MAIN', T0 + 5 * MINUTE, { energy_import_kwh: 560 }],
    ['B01-MAIN', T0 + 10 * MINUTE, { energy_import_kwh: 70_560 }],
    ['B01-MAIN', T0 + 15 * MINUTE, { energy_import_kwh: 70_640 }],
    ['B01-MAIN', T0 + 20 * MINUTE, { energy_import_kwh: 720 }],
    ['B01-MAIN', T0 + 25 * MINUTE, { energy_import_kwh: 800 }],
  ]);
  const snapshot = ledger.snapshot(T0 + 25 * MINUTE);

  it('should count only the sound intervals on each side of both jumps', () => {
    // 560 − 500 = 60; (jump) 70 640 − 70 560 = 80; (jump) 800 − 720 = 80: 220 kWh
    expect(snapshot.buildings.find((building) => building.buildingId === 'B01')?.today.electricityKwh).toBeCloseTo(220, 9);
  });

  it('should take the drop as a second confirmed jump, not as a reset that counted 720 kWh', () => {
    // as a reset, 720 kWh in five minutes would be above the 166.67 kWh the meter can deliver
    expect(snapshot.quality).toMatchObject({ implausibleIntervals: 2, outlierReadings: 0, counterJumps: 2, counterResets: 0 });
  });
});
