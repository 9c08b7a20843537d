import { startInfluxdb, type InfluxdbServer } from '@zeropark/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InfluxStore } from './influx-store.js';
import { openStore } from './open-store.js';
import { describeStoreContract } from './store-contract.fixture.js';
import { byPark } from './timeseries-store.js';

// a password with the characters that break a careless encoding: the separator itself, &, a quote
const ADMIN = { username: 'zeropark-admin', password: "s3cret:&'x" };
const TOKEN = `${ADMIN.username}:${ADMIN.password}`;
const T0 = Date.UTC(2026, 10, 28, 2, 0);

let influx: InfluxdbServer;
let databases = 0;

beforeAll(async () => {
  influx = await startInfluxdb({ admin: ADMIN });
});
afterAll(async () => {
  await influx?.stop();
});

// Debian's InfluxDB 1.6 with `[http] auth-enabled = true`, ZEROPARK_INFLUX_TOKEN=user:password
describeStoreContract('InfluxStore on InfluxDB 1.6 with authentication', async () => InfluxStore.open({ url: influx.url, database: `auth${(databases += 1)}`, token: TOKEN }));

describe(`${InfluxStore.name} with authentication`, () => {
  it('should make the carbon service restore queries as user:password, as openStore passes it on', async () => {
    const store = await openStore({ kind: 'influxdb', url: influx.url, database: 'restore', token: TOKEN, api: 'auto' });
    try {
      const reading = { park: 'p1', building: 'B01', meter: 'M1', role: 'building_submeter' as const, carrier: 'electricity' as const, ts: T0, values: { energy_import_kwh: 12.5 } };
      await store.writeReadings(byPark([reading]));
      await store.writeCarbon([{ park: 'p1', building: null, ts: T0, fields: { scope2_location_kg: 5.5 }, factorVersion: 'cn-mee-nbs-2023.2' }]);
      // ledger-restore.ts: the carbon sums before the cutoff, each meter's newest reading, the readings after it
      expect(await store.sumCarbon({ park: 'p1', building: null, from: T0, to: T0 + 60_000, bucketMs: 60_000, fields: ['scope2_location_kg'] })).toEqual([{ ts: T0, sums: { scope2_location_kg: 5.5 } }]);
      expect(await store.latestReadings({ park: 'p1', from: T0, to: T0 + 1 })).toEqual([reading]);
      expect(await store.queryReadings({ park: 'p1', from: T0, to: T0 + 1 })).toEqual([reading]);
    } finally {
      await store.close();
    }
  });

  it('should refuse to open with a wrong password, saying the server refused it', async () => {
    await expect(InfluxStore.open({ url: influx.url, database: 'wrong', token: `${ADMIN.username}:not-the-password` })).rejects.toThrow(/authorization failed/);
  });

  it('should refuse to open without credentials, saying the server asked for them', async () => {
    await expect(InfluxStore.open({ url: influx.url, database: 'none' })).rejects.toThrow(/unable to parse authentication credentials/);
  });
});
