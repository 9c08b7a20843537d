import { describe, expect, it } from 'vitest';
import { ParkLedger } from '../park-ledger.js';
import { powerFreshness } from '../power-freshness.js';
import { reading, T0, testPark } from '../test-park.fixture.js';

describe('a building whose gateway goes quiet past its interval', () => {
  // every power meter reports every 10 s: live while its newest power reading is under 3 × 10 s = 30 s old
  const every = { everyMs: 10_000 };
  const park = testPark({}, { GRID: every, PV: every, BATT: every, 'B01-MAIN': every, 'B02-MAIN': every });
  const S = 1000;
  const ledger = new ParkLedger(park);
  const feed = (ts: number, meters: [string, number][]) => {
    for (const [meter, kw] of meters) ledger.apply(reading(meter, ts, { power_kw: kw }, park));
  };
  const all: [string, number][] = [['GRID', 300], ['PV', 100], ['BATT', 0], ['B01-MAIN', 180], ['B02-MAIN', 120]];

  it('should say nothing is known before the first reading, and sum nothing', () => {
    const snapshot = new ParkLedger(park).snapshot(T0);
    expect(snapshot.powerFreshness).toEqual({ state: 'none', since: null, asOf: null, staleKw: 0, staleCount: 3, staleMeters: expect.any(Array) });
    expect(snapshot.buildings.map((building) => building.powerFreshness.state)).toEqual(['none', 'none']);
    // no live consumption: no remainder to give, and both buildings are missing from it
    expect(snapshot.unmetered).toEqual({ kw: null, buildingsMissing: ['B01', 'B02'] });
  });

  it('should sum every building while all are live', () => {
    feed(T0, all);
    feed(T0 + 20 * S, all);
    const snapshot = ledger.snapshot(T0 + 25 * S);
    // 300 + 100 − 0 = 400 kW consumed; 400 − (180 + 120) = 100 kW unmetered
    expect(snapshot.power.consumptionKw).toBe(400);
    expect(snapshot.powerFreshness.state).toBe('live');
    expect(snapshot.buildings.map((building) => [building.buildingId, building.powerKw, building.powerFreshness.state])).toEqual([['B01', 180, 'live'], ['B02', 120, 'live']]);
    expect(snapshot.unmetered).toEqual({ kw: 100, buildingsMissing: [] });
  });

  it('should leave a stale building out of "now", say since when, and name it in the remainder', () => {
    // B02's gateway is quiet after T0 + 20 s: stale from T0 + 20 s + 30 s = T0 + 50 s
    feed(T0 + 40 * S, all.filter(([meter]) => meter !== 'B02-MAIN'));
    const snapshot = ledger.snapshot(T0 + 55 * S);
    const b02 = snapshot.buildings.find((building) => building.buildingId === 'B02');
    expect(b02?.powerKw).toBe(0);
    expect(b02?.powerFreshness).toEqual({
      state: 'stale',
      since: T0 + 50 * S,
      asOf: T0 + 20 * S,
      staleKw: 120,
      staleCount: 1,
      staleMeters: [{ meterId: 'B02-MAIN', lastReadingAt: T0 + 20 * S, lastPowerKw: 120, staleSince: T0 + 50 * S, everyMs: 10_000 }],
    });
    // 400 kW consumed − B01's 180 kW = 220 kW, B02's draw inside it
    expect(snapshot.power.consumptionKw).toBe(400);
    expect(snapshot.unmetered).toEqual({ kw: 220, buildingsMissing: ['B02'] });
    // the building's own view says the same of its meters; its gas meter has no power
    const meters = ledger.buildingDetail('B02', T0 + 55 * S)?.meters.map((meter) => [meter.meterId, meter.powerState, meter.everyMs]);
    expect(meters).toEqual([['B02-MAIN', 'stale', 10_000], ['B02-GAS', null, 60_000]]);
    // the others stay live until T0 + 40 s + 30 s: the next instant a push has something new to say
    expect(ledger.nextPowerStaleAt(T0 + 55 * S)).toBe(T0 + 70 * S);
  });

  it("should say the park's consumption is partial when the grid meter is stale beside a live PV meter", () => {
    // the grid meter is quiet after T0 + 40 s: stale from T0 + 70 s
    feed(T0 + 60 * S, [['PV', 90], ['BATT', 0], ['B01-MAIN', 170]]);
    const snapshot = ledger.snapshot(T0 + 75 * S);
    // only the live terms: 0 (grid left out) + 90 − 0 = 90 kW, and no remainder without the grid
    expect(snapshot.power).toEqual({ consumptionKw: 90, gridKw: 0, generationKw: 90, batteryKw: 0 });
    expect(snapshot.powerFreshness).toMatchObject({ state: 'partial', since: T0 + 70 * S, asOf: T0 + 60 * S, staleKw: 300 });
    expect(snapshot.powerFreshness.staleMeters.map((meter) => meter.meterId)).toEqual(['GRID']);
    expect(snapshot.unmetered).toEqual({ kw: null, buildingsMissing: ['B02'] });
  });

  it("should say the park's consumption is stale, and as of when, once none of its meters is live", () => {
    // PV and battery last at T0 + 60 s: stale from T0 + 90 s; the grid since T0 + 70 s
    const snapshot = ledger.snapshot(T0 + 100 * S);
    expect(snapshot.power.consumptionKw).toBe(0);
    expect(snapshot.powerFreshness).toMatchObject({ state: 'stale', since: T0 + 70 * S, asOf: T0 + 60 * S, staleKw: 390 });
    expect(snapshot.unmetered.buildingsMissing).toEqual(['B01', 'B02']);
    expect(ledger.nextPowerStaleAt(T0 + 100 * S)).toBeNull();
  });

  it('should name at most five meters left out, the most recently heard first, and count them all', () => {
    const many = Array.from({ length: 40 }, (_, index) => ({ meterId: `M${index}`, everyMs: 10_000, powerKw: index < 10 ? 5 : null, ts: index < 10 ? T0 + index * S : null }));
    const freshness = powerFreshness(many, T0 + 3_600 * S);
    expect([freshness.state, freshness.staleCount, freshness.staleKw]).toEqual(['stale', 40, 50]);
    expect(freshness.staleMeters.map((meter) => meter.meterId)).toEqual(['M9', 'M8', 'M7', 'M6', 'M5']);
  });
});
