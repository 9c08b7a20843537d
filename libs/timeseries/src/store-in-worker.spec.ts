import { AcceptedReadingsJson, type CarbonPoint } from '@zeropark/contracts';
import { startInfluxdb, temporaryDirectory, type InfluxdbServer } from '@zeropark/test-servers';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InfluxStore } from './influx-store.js';
import { SqliteStore } from './sqlite-store.js';
import { describeStoreContract } from './store-contract.fixture.js';
import { readingPreparer } from './open-store.js';
import { StoreInWorker } from './store-in-worker.js';
import type { ParkReadings } from './timeseries-store.js';

describeStoreContract('StoreInWorker (SQLite)', () => StoreInWorker.open({ kind: 'sqlite', dataDir: temporaryDirectory('store') }));

describe(StoreInWorker.name, () => {
  it('should let the event loop turn while the worker sums a long history', async () => {
    const store = await StoreInWorker.open({ kind: 'sqlite', dataDir: temporaryDirectory('store') });
    const DAY_MINUTES = 1440;
    for (let day = 0; day < 20; day += 1) {
      const points: CarbonPoint[] = Array.from({ length: DAY_MINUTES }, (_, minute) => ({
        park: 'p1',
        building: null,
        ts: (day * DAY_MINUTES + minute) * 60_000,
        fields: { gridImportKwh: 1, scope2LocationKg: 0.55 },
        factorVersion: 'v1',
      }));
      await store.writeCarbon(points);
    }
    let turns = 0;
    let summed = false;
    const count = () => {
      turns += 1;
      if (!summed) setImmediate(count);
    };
    setImmediate(count);
    const sums = await store.sumCarbon({ park: 'p1', building: null, from: 0, to: 20 * DAY_MINUTES * 60_000, bucketMs: 86_400_000, fields: ['gridImportKwh'] });
    summed = true;
    // 20 days × 1 440 minutes × 1 kWh, a day a bucket; summed in SQLite on this thread, no turn at all
    expect(sums.map((bucket) => bucket.sums.gridImportKwh)).toEqual(Array.from({ length: 20 }, () => 1440));
    expect(turns).toBeGreaterThan(10);
    await store.close();
  });
});

const readings = (from: number, count: number): ParkReadings => ({
  park: 'p1',
  readings: Array.from({ length: count }, (_, index) => ({ meter: 'GRID', building: null, role: 'grid_import' as const, carrier: 'electricity' as const, ts: from + index, values: { power_kw: from + index } })),
});

describe(`${StoreInWorker.name} on InfluxDB`, () => {
  let influx: InfluxdbServer;
  let store: InfluxStore;
  let writes: StoreInWorker;

  beforeAll(async () => {
    influx = await startInfluxdb();
    store = await InfluxStore.open({ url: influx.url, database: 'worker', api: 'v1' });
    writes = new StoreInWorker({ kind: 'influxdb', url: influx.url, database: 'worker', api: 'v1' });
  });

  afterAll(async () => {
    await writes.close();
    await store.close();
    await influx.stop();
  });

  const stored = async () => (await store.queryReadings({ park: 'p1', from: 0, to: 1_000_000 })).length;

  it('should write what the main thread prepared, from its worker, and resolve once InfluxDB confirmed it', async () => {
    await writes.writePreparedReadings([store.prepareReadings(readings(1000, 3)), store.prepareReadings(readings(2000, 2))]);
    expect(await stored()).toBe(5);
  });

  it('should reject a write while InfluxDB is down, and write it once InfluxDB is back', async () => {
    const batch = [store.prepareReadings(readings(3000, 4))];
    await influx.stop();
    try {
      await expect(writes.writePreparedReadings(batch)).rejects.toThrow();
    } finally {
      await influx.start();
    }
    await writes.writePreparedReadings(batch);
    expect(await stored()).toBe(9);
  });

  it('should refuse readings another store prepared', async () => {
    const sqlite = new SqliteStore(':memory:');
    await expect(writes.writePreparedReadings([sqlite.prepareReadings(readings(4000, 1))])).rejects.toThrow('prepared for another store');
    await sqlite.close();
  });
});

describe(`${StoreInWorker.name} on the SQLite file`, () => {
  it('should write the readings the main thread prepared into the same file, from its worker', async () => {
    const dataDir = temporaryDirectory('worker');
    const main = new SqliteStore(join(dataDir, 'zeropark.db'));
    const writes = new StoreInWorker({ kind: 'sqlite', dataDir });
    try {
      await writes.writePreparedReadings([main.prepareReadings(readings(1000, 600)), main.prepareReadings(readings(5000, 2))]);
      expect(await main.queryReadings({ park: 'p1', from: 0, to: 10_000 })).toHaveLength(602);
      await expect(writes.writePreparedReadings([{ park: 'p1', count: 1 }])).rejects.toThrow('prepared for another store');
    } finally {
      await writes.close();
      await main.close();
    }
  });

  it('should write the JSON text the ingest made for its journal as the readings it holds', async () => {
    const dataDir = temporaryDirectory('worker');
    const writes = new StoreInWorker({ kind: 'sqlite', dataDir });
    const prepare = readingPreparer({ kind: 'sqlite', dataDir });
    const batch = {
      park: 'p1',
      readings: [
        { meter: 'GRID', building: null, role: 'grid_import' as const, carrier: 'electricity' as const, ts: 1000, values: { energy_import_kwh: 183245.12, power_kw: 84.2 } },
        { meter: 'B07-GAS', building: 'B07', role: 'gas' as const, carrier: 'natural_gas' as const, ts: 1000, values: { gas_m3: 12.5 } },
      ],
    };
    try {
      const prepared = prepare({ ...batch, readingsJson: new AcceptedReadingsJson().text(batch.park, batch.readings) });
      expect(prepared.count).toBe(2);
      await writes.writePreparedReadings([prepared]);
      const stored = await writes.queryReadings({ park: 'p1', from: 0, to: 2000 });
      const byMeter = (a: { meter: string }, b: { meter: string }) => a.meter.localeCompare(b.meter);
      expect(stored.sort(byMeter)).toEqual(batch.readings.map((reading) => ({ park: 'p1', ...reading })).sort(byMeter));
    } finally {
      await writes.close();
    }
  });
});
