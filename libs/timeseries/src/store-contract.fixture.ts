import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert, AlertRecord, AlertTransition } from '@zeropark/contracts';
import { byPark, type CarbonPoint, type ReadingPoint, type TimeseriesStore } from './timeseries-store.js';

const T0 = Date.UTC(2026, 10, 28, 2, 0);
const MINUTE = 60_000;

function carbon(ts: number, fields: Record<string, number>, building: string | null = null, park = 'p1'): CarbonPoint {
  return { park, building, ts, fields, factorVersion: 'cn-mee-nbs-2023.2' };
}

function point(meter: string, ts: number, values: ReadingPoint['values'], park = 'p1'): ReadingPoint {
  return { park, meter, ts, building: 'B01', role: 'building_submeter', carrier: 'electricity', values };
}

/** An alert of B01 after the given steps, as the carbon service records each of them. */
function alertSteps(id: string, steps: AlertTransition[], park = 'p1'): AlertRecord[] {
  return steps.map((transition, index) => {
    const alert: Alert = {
      id, park, rule: 'b01-overload', kind: 'threshold', title: 'Hall above its feeder rating', severity: 'major', subject: { kind: 'building', id: 'B01' },
      message: 'building.powerKw of building B01 is 825.0 kW, above 800.0 kW for 5 min, "quoted"', value: 825,
      state: transition.to, firedAt: steps[0]?.at ?? 0, transitions: steps.slice(0, index + 1),
    };
    return { kind: 'transition', alert, transition };
  });
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

    it('should write prepared readings of several parks as it writes the readings themselves', async () => {
      const p1 = [point('M1', T0, { energy_import_kwh: 1.5 }), point('M2', T0, { power_kw: 2 })];
      const p2 = [point('M1', T0, { energy_import_kwh: 7 }, 'p2')];
      const prepared = byPark([...p1, ...p2]).map((batch) => store.prepareReadings(batch));
      expect(prepared.map((batch) => [batch.park, batch.count])).toEqual([
        ['p1', 2],
        ['p2', 1],
      ]);
      await store.writePreparedReadings(prepared);
      expect(await store.queryReadings({ park: 'p1', from: T0, to: T0 + 1 })).toEqual(p1);
      expect(await store.queryReadings({ park: 'p2', from: T0, to: T0 + 1 })).toEqual(p2);
    });

    it('should refuse readings another store prepared', async () => {
      await expect(store.writePreparedReadings([{ park: 'p1', count: 0 }])).rejects.toThrow('prepared for another store');
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

    it('should give the newest reading of each meter in a range', async () => {
      await store.writeReadings(byPark([point('M1', T0, { power_kw: 1 }), point('M1', T0 + 1000, { power_kw: 2 }), point('M2', T0 + 500, { power_kw: 3 }), point('M1', T0 + 5000, { power_kw: 9 }), point('M3', T0 + 100, { power_kw: 4 }, 'p2')]));
      const newest = await store.latestReadings({ park: 'p1', from: T0, to: T0 + 2000 });
      expect(newest.map((reading) => `${reading.meter}@${reading.ts - T0}=${reading.values.power_kw}`)).toEqual(['M1@1000=2', 'M2@500=3']);
      expect(newest[0]).toEqual(point('M1', T0 + 1000, { power_kw: 2 }));
    });

    it('should give back the carbon points of a park and of a building apart', async () => {
      const park = carbon(T0, { gridImportKwh: 1.25, scope2LocationKg: 0.6875 });
      const hall = carbon(T0, { electricityKwh: 0.75 }, 'B01');
      await store.writeCarbon([park, hall, carbon(T0, { gridImportKwh: 9 }, null, 'p2')]);
      expect(await store.queryCarbon({ park: 'p1', building: null, from: T0, to: T0 + MINUTE })).toEqual([park]);
      expect(await store.queryCarbon({ park: 'p1', building: 'B01', from: T0, to: T0 + MINUTE })).toEqual([hall]);
    });

    it('should overwrite a carbon minute written again, as a re-accounted minute is', async () => {
      await store.writeCarbon([carbon(T0, { gridImportKwh: 1 })]);
      await store.writeCarbon([{ ...carbon(T0, { gridImportKwh: 2 }), factorVersion: 'v2' }]);
      expect(await store.queryCarbon({ park: 'p1', building: null, from: T0, to: T0 + 1 })).toEqual([{ ...carbon(T0, { gridImportKwh: 2 }), factorVersion: 'v2' }]);
    });

    it('should keep a correction beside its minute, and add both in sums', async () => {
      const minute = carbon(T0, { gridImportKwh: 2 });
      const correction = { ...carbon(T0, { gridImportKwh: 0.5 }), correction: 'run1.1' };
      await store.writeCarbon([minute, correction]);
      expect(await store.queryCarbon({ park: 'p1', building: null, from: T0, to: T0 + 1 })).toEqual([minute, correction]);
      expect(await store.sumCarbon({ park: 'p1', building: null, from: T0, to: T0 + MINUTE, bucketMs: MINUTE, fields: ['gridImportKwh'] })).toEqual([{ ts: T0, sums: { gridImportKwh: 2.5 } }]);
    });

    it('should sum carbon fields in time buckets, leaving out empty ones', async () => {
      // minutes 0, 1 and 5 of the hour; 5-minute buckets: [0, 5) holds 1 + 2, [5, 10) holds 4
      await store.writeCarbon([carbon(T0, { a: 1, b: 10 }), carbon(T0 + MINUTE, { a: 2 }), carbon(T0 + 5 * MINUTE, { a: 4, b: 40 }), carbon(T0 + 20 * MINUTE, { a: 8 }, 'B01')]);
      const sums = await store.sumCarbon({ park: 'p1', building: null, from: T0, to: T0 + 60 * MINUTE, bucketMs: 5 * MINUTE, fields: ['a', 'b'] });
      expect(sums).toEqual([
        { ts: T0, sums: { a: 3, b: 10 } },
        { ts: T0 + 5 * MINUTE, sums: { a: 4, b: 40 } },
      ]);
    });

    it('should restate a range: the old points kept in history under the restatement, the new ones in their place', async () => {
      const before = [carbon(T0, { scope2LocationKg: 55 }), carbon(T0, { electricityKwh: 10 }, 'B01'), { ...carbon(T0 + MINUTE, { scope2LocationKg: 1 }), correction: 'r1.1' }, carbon(T0 + 2 * MINUTE, { scope2LocationKg: 7 })];
      await store.writeCarbon(before);
      const replacement = [{ ...carbon(T0, { scope2LocationKg: 50 }), factorVersion: 'v2' }, { ...carbon(T0, { electricityKwh: 10 }, 'B01'), factorVersion: 'v2' }];
      // the range holds the first two minutes: three points replaced, the third minute untouched
      expect(await store.restateCarbon({ park: 'p1', from: T0, to: T0 + 2 * MINUTE, replacement, restatedAt: T0 + 3600_000 })).toEqual({ archived: 3, written: 2 });
      expect(await store.queryCarbon({ park: 'p1', building: null, from: T0, to: T0 + 3 * MINUTE })).toEqual([replacement[0], before[3]]);
      const history = await store.queryCarbonHistory({ park: 'p1', from: T0, to: T0 + 3 * MINUTE });
      expect(history).toEqual([
        { ...before[0], restatedAt: T0 + 3600_000 },
        { ...before[1], restatedAt: T0 + 3600_000 },
        { ...before[2], restatedAt: T0 + 3600_000 },
      ]);
    });

    it('should keep every alert transition and give the newest record of each alert and mute', async () => {
      const first = alertSteps('a1', [
        { from: null, to: 'firing', at: T0, by: null },
        { from: 'firing', to: 'acknowledged', at: T0 + MINUTE, by: 'op-li' },
        { from: 'acknowledged', to: 'resolved', at: T0 + 2 * MINUTE, by: null },
      ]);
      const second = alertSteps('a2', [{ from: null, to: 'firing', at: T0 + 3 * MINUTE, by: null }]);
      const mute: AlertRecord = { kind: 'mute', mute: { park: 'p1', rule: 'b01-overload', at: T0 + 4 * MINUTE, until: T0 + 34 * MINUTE, by: 'op-li', reason: 'maintenance' } };
      await store.writeAlerts([...first, ...second, mute, ...alertSteps('a9', [{ from: null, to: 'firing', at: T0, by: null }], 'p2')]);
      await store.writeAlerts(second); // written again: still one record
      expect(await store.queryAlerts({ park: 'p1', from: T0 })).toEqual([...first, ...second, mute]);
      expect(await store.queryAlerts({ park: 'p1', from: T0 + MINUTE, to: T0 + 3 * MINUTE })).toEqual(first.slice(1));
      expect(await store.latestAlerts('p1')).toEqual([first[2], second[0], mute]);
    });
  });
}
