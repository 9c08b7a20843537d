import { describe, expect, it } from 'vitest';
import { HOUR, T0, TEST_PARK } from '../test-park.fixture.js';
import { ledgerFed } from './feed.fixture.js';

describe('a counter jump above what the meter can deliver', () => {
  // B01-MAIN is rated 1000 kW: 5000 kWh in one hour cannot be real; the next hour's 100 kWh can
  const ledger = ledgerFed(TEST_PARK, [
    ['B01-MAIN', T0, { energy_import_kwh: 0 }],
    ['B01-MAIN', T0 + HOUR, { energy_import_kwh: 5000 }],
    ['B01-MAIN', T0 + 2 * HOUR, { energy_import_kwh: 5100 }],
  ]);
  const snapshot = ledger.snapshot(T0 + 2 * HOUR);

  it('should leave the jump out and flag it, and count what follows', () => {
    expect(snapshot.buildings.find((building) => building.buildingId === 'B01')?.today.electricityKwh).toBeCloseTo(100, 9);
    expect(snapshot.quality.implausibleIntervals).toBe(1);
  });
});

describe('the meter a refused jump came from', () => {
  it('should name the meter with its count of refused intervals and its latest counter value', () => {
    const ledger = ledgerFed(TEST_PARK, [
      ['B01-MAIN', T0, { energy_import_kwh: 0, power_kw: 90 }],
      ['B01-MAIN', T0 + HOUR, { energy_import_kwh: 5000 }],
    ]);
    // the counter's new value stands (the next interval counts from it); only the interval is refused
    expect(ledger.meterLive().get('B01-MAIN')).toEqual({ values: { energy_import_kwh: 5000, power_kw: 90 }, implausibleIntervals: 1 });
  });
});
