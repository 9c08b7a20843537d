import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { byPark, type ReadingPoint, type TimeseriesStore } from './timeseries-store.js';

const T0 = Date.UTC(2026, 10, 28, 2, 0);

function point(meter: string, ts: number, values: ReadingPoint['values'], park = 'p1'): ReadingPoint {
  return { park, meter, ts, building: 'B01', role: 'building_submeter', carrier: 'electricity', values };
}

/** The behaviour every adapter of the store port must show; run once per adapter. */
export function describeStoreContract(adapter: string, open: () => Promise<TimeseriesStore>): void {
  describe(`${adapter} honours the store contract`, () => {
    let store: TimeseriesStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('should give back what was written, with every tag and field', async () => {
      const written = [point('M1', T0, { energy_import_kwh: 183245.12, power_kw: 84.2 }), point('M2', T0 + 1000, { gas_m3: 3.5 })];
      await store.writeReadings(byPark(written));
      expect(await store.queryReadings({ park: 'p1', from: T0, to: T0 + 2000 })).toEqual(written);
    });

    it('should keep one point when the same point is written twice (a replay)', async () => {
      const once = point('M1', T0, { energy_import_kwh: 10 });
      await store.writeReadings(byPark([once]));
      await store.writeReadings(byPark([once]));
      expect(await store.queryReadings({ park: 'p1', from: T0, to: T0 + 1 })).toEqual([once]);
    });

    it('should merge fields written for the same key, as InfluxDB does', async () => {
      await store.writeReadings(byPark([point('M1', T0, { energy_import_kwh: 10 })]));
      await store.writeReadings(byPark([point('M1', T0, { power_kw: 4 })]));
      expect((await store.queryReadings({ park: 'p1', from: T0, to: T0 + 1 }))[0]?.values).toEqual({ energy_import_kwh: 10, power_kw: 4 });
    });

    it('should select by park, meter and a half-open time range, in time order', async () => {
      await store.writeReadings(byPark([
        point('M1', T0 + 2000, { power_kw: 3 }),
        point('M1', T0, { power_kw: 1 }),
        point('M2', T0 + 1000, { power_kw: 2 }),
        point('M1', T0 + 1000, { power_kw: 9 }, 'p2'),
      ]));
      const m1 = await store.queryReadings({ park: 'p1', meter: 'M1', from: T0, to: T0 + 2000 });
      expect(m1.map((reading) => reading.values.power_kw)).toEqual([1]);
      const all = await store.queryReadings({ park: 'p1', from: T0, to: T0 + 2001 });
      expect(all.map((reading) => reading.meter + '@' + (reading.ts - T0))).toEqual(['M1@0', 'M2@1000', 'M1@2000']);
    });
  });
}
