import { startInfluxdb, temporaryDirectory, type InfluxdbServer } from '@zeropark/test-servers';
import { join } from 'node:path';
import { InfluxStore, SqliteStore, type ParkReadings } from '@zeropark/timeseries';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreWritesInWorker } from './store-writes-in-worker.js';

const readings = (from: number, count: number): ParkReadings => ({
  park: 'p1',
  readings: Array.from({ length: count }, (_, index) => ({ meter: 'GRID', building: null, role: 'grid_import' as const, carrier: 'electricity' as const, ts: from + index, values: { power_kw: from + index } })),
});

describe(StoreWritesInWorker.name, () => {
  let influx: InfluxdbServer;
  let store: InfluxStore;
  let writes: StoreWritesInWorker;

  beforeAll(async () => {
    influx = await startInfluxdb();
    store = await InfluxStore.open({ url: influx.url, database: 'worker', api: 'v1' });
    writes = new StoreWritesInWorker({ kind: 'influxdb', url: influx.url, database: 'worker', api: 'v1' });
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

describe(`${StoreWritesInWorker.name} on the SQLite file`, () => {
  it('should write the readings the main thread prepared into the same file, from its worker', async () => {
    const dataDir = temporaryDirectory('worker');
    const main = new SqliteStore(join(dataDir, 'zeropark.db'));
    const writes = new StoreWritesInWorker({ kind: 'sqlite', dataDir });
    try {
      await writes.writePreparedReadings([main.prepareReadings(readings(1000, 600)), main.prepareReadings(readings(5000, 2))]);
      expect(await main.queryReadings({ park: 'p1', from: 0, to: 10_000 })).toHaveLength(602);
      await expect(writes.writePreparedReadings([{ park: 'p1', count: 1 }])).rejects.toThrow('prepared for another store');
    } finally {
      await writes.close();
      await main.close();
    }
  });
});
