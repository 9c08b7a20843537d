import type { AcceptedReading } from '@zeropark/contracts';
import { describe, expect, it } from 'vitest';
import type { CarbonPoint, CarbonSum } from '@zeropark/contracts';
import { ParkLedger } from '../park-ledger.js';
import { MINUTE, reading, T0, testPark } from '../test-park.fixture.js';

const park = testPark({
  yearlyBudgetTCo2: 100,
  contracts: [{ id: 'GEC-1', kind: 'certificate', kwh: 500, from: '2026-11-01', to: '2026-11-30', kgCo2PerKwh: 0, reference: 'batch 1' }],
});

/** Three hours of a busy park, a reading a minute per meter. */
function readings(): AcceptedReading[] {
  const rows: AcceptedReading[] = [];
  for (let step = 0; step <= 180; step += 1) {
    const ts = T0 + step * MINUTE;
    rows.push(reading('GRID', ts, { energy_import_kwh: 1000 + step * 4.25, energy_export_kwh: 10 + step * 0.5, power_kw: 255 }, park));
    rows.push(reading('PV', ts, { energy_export_kwh: 50 + step * 1.75, power_kw: 105 }, park));
    rows.push(reading('B01-MAIN', ts, { energy_import_kwh: 300 + step * 2.5, power_kw: 150 }, park));
    rows.push(reading('B02-MAIN', ts, { energy_import_kwh: 100 + step * 1.2 }, park));
    rows.push(reading('B02-GAS', ts, { gas_m3: 20 + step * 0.3 }, park));
  }
  return rows;
}

/** The series as a store would sum it: 15-minute buckets of one park or building. */
function sums(points: readonly CarbonPoint[], building: string | null, before: number): CarbonSum[] {
  const buckets = new Map<number, Record<string, number>>();
  for (const point of points) {
    if (point.building !== building || point.ts >= before) continue;
    const ts = point.ts - (point.ts % (15 * MINUTE));
    const bucket = buckets.get(ts) ?? {};
    for (const [field, value] of Object.entries(point.fields)) bucket[field] = (bucket[field] ?? 0) + value;
    buckets.set(ts, bucket);
  }
  return [...buckets].map(([ts, bucketSums]) => ({ ts, sums: bucketSums }));
}

describe('a carbon service restarted', () => {
  it("should give back today's totals from the series and the stored readings", () => {
    const all = readings();
    const before = new ParkLedger(park, { liveWindowMs: 3_600_000 });
    // the series as it was written, every ten minutes
    const series = new Map<string, CarbonPoint>();
    all.forEach((row, index) => {
      before.apply(row);
      if (index % 50 === 49) for (const point of before.takeCarbonPoints(row.ts)) series.set(`${point.building}@${point.ts}`, point);
    });
    const at = T0 + 180 * MINUTE;
    const expected = before.snapshot(at);

    // restart: the series up to an hour ago; the readings from two hours ago on, replayed
    const cutoff = at - 60 * MINUTE;
    const points = [...series.values()];
    const after = new ParkLedger(park, { liveWindowMs: 3_600_000 });
    after.restore({
      cutoff,
      parkSums: sums(points, null, cutoff),
      buildingSums: new Map(park.buildings.map((building) => [building.id, sums(points, building.id, cutoff)])),
      readings: all.filter((row) => row.ts >= cutoff - 60 * MINUTE),
    });
    const restored = after.snapshot(at);

    // 180 min × 4.25 kWh = 765 kWh imported; certificates cover 500 kWh of it
    expect(restored.today.gridImportKwh).toBeCloseTo(765, 6);
    expect(restored.today.contractCoveredKwh).toBeCloseTo(500, 6);
    for (const figure of ['electricityConsumedKwh', 'scope1Kg', 'scope2LocationKg', 'scope2MarketKg', 'unmeteredKwh', 'energyTce'] as const) {
      expect(restored.today[figure], figure).toBeCloseTo(expected.today[figure], 6);
    }
    expect(restored.buildings.map((building) => building.today.emissionsKg)).toEqual(expected.buildings.map((building) => expect.closeTo(building.today.emissionsKg, 6)));
    expect(restored.budget?.usedTCo2).toBeCloseTo(expected.budget?.usedTCo2 ?? Number.NaN, 9);
  });

  it('should give back late readings, written as corrections beside the minutes they changed', () => {
    const before = new ParkLedger(park, { liveWindowMs: 3_600_000, runId: 'r1' });
    const series: CarbonPoint[] = [];
    before.apply(reading('B01-MAIN', T0, { energy_import_kwh: 0 }, park));
    series.push(...before.takeCarbonPoints(T0 + 180 * MINUTE)); // an hour's window: minutes before 12:00 are gone
    // the gateway was offline: 90 kWh over three hours, 60 of them before the window
    before.apply(reading('B01-MAIN', T0 + 180 * MINUTE, { energy_import_kwh: 90 }, park));
    const written = before.takeCarbonPoints(T0 + 180 * MINUTE);
    series.push(...written);
    expect(written.filter((point) => point.correction === 'r1.1' && point.building === 'B01')).toHaveLength(120);
    const expected = before.snapshot(T0 + 180 * MINUTE);
    expect(expected.buildings[0]?.today.electricityKwh).toBeCloseTo(90, 9);

    const cutoff = T0 + 120 * MINUTE;
    const after = new ParkLedger(park, { liveWindowMs: 3_600_000, runId: 'r2' });
    after.restore({
      cutoff,
      parkSums: sums(series, null, cutoff),
      buildingSums: new Map(park.buildings.map((building) => [building.id, sums(series, building.id, cutoff)])),
      readings: [reading('B01-MAIN', T0, { energy_import_kwh: 0 }, park), reading('B01-MAIN', T0 + 180 * MINUTE, { energy_import_kwh: 90 }, park)],
    });
    // 60 kWh from the corrections + 30 kWh replayed after the cut
    expect(after.snapshot(T0 + 180 * MINUTE).buildings[0]?.today.electricityKwh).toBeCloseTo(90, 9);
  });
});
