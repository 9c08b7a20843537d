import { describe, expect, it } from 'vitest';
import { ParkLedger } from '../park-ledger.js';
import { HOUR, reading, T0, testPark } from '../test-park.fixture.js';

describe('a late reading in a minute the contracts already drew on', () => {
  const park = testPark({
    contracts: [{ id: 'PPA-1', kind: 'green-power', kwh: 100, from: '2026-11-01', to: '2026-11-30', kgCo2PerKwh: 0, reference: 'green power trade 7' }],
  });

  it('should re-draw the contracts in time order when an earlier day learns of more import', () => {
    const twoConnections = testPark(park.accounting, {});
    twoConnections.meters.push({ ...twoConnections.meters[0]!, id: 'GRID2' });
    const ledger = new ParkLedger(twoConnections);
    // 2026-11-29 00:00–01:00 in Shanghai: 80 kWh through GRID, known first: all of it covered
    const midnight = Date.UTC(2026, 10, 28, 16, 0);
    ledger.apply(reading('GRID', midnight, { energy_import_kwh: 0 }, twoConnections));
    ledger.apply(reading('GRID', midnight + HOUR, { energy_import_kwh: 80 }, twoConnections));
    expect(ledger.snapshot(midnight + HOUR).today.contractCoveredKwh).toBeCloseTo(80, 9);
    // then GRID2 reports 50 kWh for 2026-11-28 23:00–24:00: that came first, so it draws first
    ledger.apply(reading('GRID2', midnight - HOUR, { energy_import_kwh: 0 }, twoConnections));
    ledger.apply(reading('GRID2', midnight, { energy_import_kwh: 50 }, twoConnections));
    const snapshot = ledger.snapshot(midnight + HOUR);
    // the 29th keeps 100 − 50 = 50 kWh of cover; 30 kWh uncovered × 0.6096 = 18.288 kg
    expect(snapshot.today.contractCoveredKwh).toBeCloseTo(50, 9);
    expect(snapshot.today.scope2MarketKg).toBeCloseTo(18.288, 3);
    // the month holds all of it: 100 kWh covered of 130
    expect(snapshot.month.contractCoveredKwh).toBeCloseTo(100, 9);
  });

  it('should account a reading older than the minutes held into its day, and count it as late', () => {
    const ledger = new ParkLedger(park, { liveWindowMs: HOUR });
    ledger.apply(reading('B01-MAIN', T0, { energy_import_kwh: 0 }, park));
    ledger.snapshot(T0 + 3 * HOUR); // minutes before 12:00 are no longer held
    ledger.apply(reading('B01-MAIN', T0 + 3 * HOUR, { energy_import_kwh: 30 }, park));
    const snapshot = ledger.snapshot(T0 + 3 * HOUR);
    // 30 kWh over 3 h: all of it before the window, in today's sums all the same
    expect(snapshot.buildings.find((building) => building.buildingId === 'B01')?.today.electricityKwh).toBeCloseTo(30, 9);
    expect(snapshot.quality.lateReadings).toBe(1);
  });
});
