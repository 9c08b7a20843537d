import type { CarbonPoint } from '@zeropark/contracts';
import { describe, expect, it } from 'vitest';
import { ParkLedger } from '../park-ledger.js';
import { MINUTE, reading, T0, testPark } from '../test-park.fixture.js';

const park = testPark();

/** The park's series summed as a store sums it: every point of the park, corrections included. */
function parkSum(points: readonly CarbonPoint[], field: string): number {
  return points.filter((point) => point.building === null).reduce((sum, point) => sum + (point.fields[field] ?? 0), 0);
}

describe('a minute that leaves the window before the carbon series took it', () => {
  it('should still be written, so the series sums to what the day holds', () => {
    const ledger = new ParkLedger(park, { liveWindowMs: 60 * MINUTE });
    // 60 kWh over the hour 10:00–11:00: every minute is inside an hour's window when it is accounted
    ledger.apply(reading('GRID', T0, { energy_import_kwh: 0 }, park));
    ledger.apply(reading('GRID', T0 + 60 * MINUTE, { energy_import_kwh: 60 }, park));
    // the series is written 1 min later: the window now starts at 10:01, and 10:00–10:01 has left it
    const points = ledger.takeCarbonPoints(T0 + 61 * MINUTE);
    // 60 minutes × 1 kWh, the first one too
    expect(parkSum(points, 'gridImportKwh')).toBeCloseTo(60, 9);
    expect(points.filter((point) => point.building === null).map((point) => point.ts)).toContain(T0);
    expect(ledger.snapshot(T0 + 61 * MINUTE).today.gridImportKwh).toBeCloseTo(60, 9);
  });

  it('should write it once: the next write has nothing of it', () => {
    const ledger = new ParkLedger(park, { liveWindowMs: 60 * MINUTE });
    ledger.apply(reading('GRID', T0, { energy_import_kwh: 0 }, park));
    ledger.apply(reading('GRID', T0 + 60 * MINUTE, { energy_import_kwh: 60 }, park));
    ledger.snapshot(T0 + 61 * MINUTE); // a push slides the window before the series is written
    expect(parkSum(ledger.takeCarbonPoints(T0 + 61 * MINUTE), 'gridImportKwh')).toBeCloseTo(60, 9);
    expect(ledger.takeCarbonPoints(T0 + 62 * MINUTE)).toEqual([]);
  });
});
