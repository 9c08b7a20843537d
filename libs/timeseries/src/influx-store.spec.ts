import { startInfluxdb, type InfluxdbServer } from '@zeropark/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectApi, InfluxStore } from './influx-store.js';
import { describeStoreContract } from './store-contract.fixture.js';
import { byPark } from './timeseries-store.js';

let influx: InfluxdbServer;
let databases = 0;

beforeAll(async () => {
  influx = await startInfluxdb();
});
afterAll(async () => {
  await influx?.stop();
});

// Debian's InfluxDB 1.6: the compatibility transport maps the client's /api/v2/write to /write
describeStoreContract('InfluxStore on InfluxDB 1.6', async () => InfluxStore.open({ url: influx.url, database: `contract${(databases += 1)}` }));

describe(InfluxStore.name, () => {
  it('should see that Debian\'s InfluxDB 1.6 needs the 1.x write path', async () => {
    expect(await detectApi(influx.url)).toBe('v1');
  });

  it('should store the reading series with the tags and fields docs/architecture.md names', async () => {
    const store = await InfluxStore.open({ url: influx.url, database: 'naming' });
    await store.writeReadings(byPark([{ park: 'p1', building: 'B01', meter: 'M1', role: 'building_submeter', carrier: 'electricity', ts: 1_800_000_000_000, values: { energy_import_kwh: 5 } }]));
    await store.close();
    const tags = await influx.query('SHOW TAG KEYS FROM reading', 'naming');
    expect(tags.results[0]?.series?.[0]?.values.flat()).toEqual(['building', 'carrier', 'meter', 'park', 'role']);
    const fields = await influx.query('SHOW FIELD KEYS FROM reading', 'naming');
    expect(fields.results[0]?.series?.[0]?.values).toEqual([['energy_import_kwh', 'float']]);
  });

  it('should write more than one batch in one call, each confirmed', async () => {
    const store = await InfluxStore.open({ url: influx.url, database: 'batches', batchSize: 1000 });
    const points = Array.from({ length: 2500 }, (_, index) => ({
      park: 'p1', building: null, meter: 'GRID', role: 'grid_import' as const, carrier: 'electricity' as const, ts: 1_800_000_000_000 + index, values: { power_kw: index },
    }));
    await store.writeReadings(byPark(points));
    expect(await store.queryReadings({ park: 'p1', from: 0, to: 2_000_000_000_000 })).toHaveLength(2500);
    await store.close();
  });

  it('should write bodies InfluxDB reads back at every gzip level', async () => {
    for (const gzipLevel of [0, 1, 9]) {
      const store = await InfluxStore.open({ url: influx.url, database: `gzip${gzipLevel}`, gzipLevel });
      const points = Array.from({ length: 300 }, (_, index) => ({
        park: 'p1', building: null, meter: 'GRID', role: 'grid_import' as const, carrier: 'electricity' as const, ts: 1_800_000_000_000 + index, values: { power_kw: index / 4 },
      }));
      await store.writeReadings(byPark(points));
      const stored = await store.queryReadings({ park: 'p1', from: 0, to: 2_000_000_000_000 });
      expect(stored.map((point) => point.values.power_kw)).toEqual(points.map((point) => point.values.power_kw));
      await store.close();
    }
  });

  it('should reject line protocol the server refused, with its reason', async () => {
    const store = await InfluxStore.open({ url: influx.url, database: 'refused' });
    await store.writeLineProtocol(['reading,meter=M1,park=p1 power_kw=1 1800000000000']);
    await expect(store.writeLineProtocol(['reading,meter=M1,park=p1 power_kw="one" 1800000000001'])).rejects.toThrow(/field type conflict/);
    await store.close();
  });

  it('should reject a write the server did not confirm', async () => {
    const store = await InfluxStore.open({ url: influx.url, database: 'outage' });
    await influx.stop();
    try {
      await expect(store.writeReadings(byPark([{ park: 'p1', building: null, meter: 'GRID', role: 'grid_import', carrier: 'electricity', ts: 1, values: { power_kw: 1 } }]))).rejects.toThrow();
      await expect(store.writeLineProtocol(['reading,meter=GRID,park=p1 power_kw=1 1'])).rejects.toThrow();
    } finally {
      await influx.start();
    }
    await store.close();
  });
});
