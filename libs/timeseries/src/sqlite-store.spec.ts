import { temporaryDirectory } from '@zeropark/test-servers';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite } from './open-sqlite.js';
import { SqliteStore } from './sqlite-store.js';
import { describeStoreContract } from './store-contract.fixture.js';
import { byPark } from './timeseries-store.js';

describeStoreContract('SqliteStore', async () => new SqliteStore(join(temporaryDirectory('store'), 'store.db')));

describe(SqliteStore.name, () => {
  it('should keep what it stored across a reopen of the file', async () => {
    const file = join(temporaryDirectory('store'), 'nested', 'store.db');
    const first = new SqliteStore(file);
    const written = { park: 'p1', meter: 'M1', ts: 1_800_000_000_000, building: null, role: 'grid_import' as const, carrier: 'electricity' as const, values: { energy_import_kwh: 1 } };
    await first.writeReadings(byPark([written]));
    await first.close();
    const second = new SqliteStore(file);
    expect(await second.queryReadings({ park: 'p1', from: 0, to: 2_000_000_000_000 })).toEqual([written]);
    await second.close();
  });
});

describe(`${SqliteStore.name} readings`, () => {
  const reading = (meter: string, ts: number) => ({ meter, ts, building: 'B01', role: 'building_submeter' as const, carrier: 'electricity' as const, values: { power_kw: ts } });
  const storeFile = () => join(temporaryDirectory('store'), 'store.db');

  it('should let the event loop turn while it writes many readings', async () => {
    const store = new SqliteStore(storeFile());
    let turns = 0;
    const count = () => {
      turns += 1;
      if (!written) setImmediate(count);
    };
    let written = false;
    setImmediate(count);
    await store.writeReadings([{ park: 'p1', readings: Array.from({ length: 2000 }, (_, index) => reading('M1', index)) }]);
    written = true;
    expect(turns).toBeGreaterThanOrEqual(3); // 2 000 readings in slices of 500
    expect(await store.queryReadings({ park: 'p1', from: 0, to: 2000 })).toHaveLength(2000);
    await store.close();
  });

  it('should write none of a batch when one of its readings cannot be stored', async () => {
    const store = new SqliteStore(storeFile());
    const broken = { ...reading('M2', 700), role: null } as unknown as ReturnType<typeof reading>; // NOT NULL refuses it
    const readings = [...Array.from({ length: 600 }, (_, index) => reading('M1', index)), broken];
    await expect(store.writeReadings([{ park: 'p1', readings }])).rejects.toThrow(/NOT NULL/);
    expect(await store.queryReadings({ park: 'p1', from: 0, to: 1000 })).toEqual([]);
    await store.writeReadings([{ park: 'p1', readings: [reading('M1', 1)] }]); // and the store goes on
    expect(await store.queryReadings({ park: 'p1', from: 0, to: 1000 })).toHaveLength(1);
    await store.close();
  });

  it('should move readings of a file written before the series table, and show them in the reading view', async () => {
    const file = storeFile();
    const old = openSqlite(file);
    old.exec(`CREATE TABLE reading (park TEXT NOT NULL, meter TEXT NOT NULL, ts INTEGER NOT NULL, building TEXT, role TEXT NOT NULL, carrier TEXT NOT NULL,
      energy_import_kwh REAL, energy_export_kwh REAL, power_kw REAL, gas_m3 REAL, heat_gj REAL, diesel_l REAL, PRIMARY KEY (park, meter, ts)) WITHOUT ROWID`);
    old.prepare("INSERT INTO reading (park, meter, ts, building, role, carrier, energy_import_kwh) VALUES ('p1', 'GRID', 1000, NULL, 'grid_import', 'electricity', 42.5)").run();
    old.close();
    const store = new SqliteStore(file);
    const moved = { park: 'p1', meter: 'GRID', ts: 1000, building: null, role: 'grid_import', carrier: 'electricity', values: { energy_import_kwh: 42.5 } };
    expect(await store.queryReadings({ park: 'p1', from: 0, to: 2000 })).toEqual([moved]);
    await store.close();
    const view = openSqlite(file);
    expect(view.prepare('SELECT park, meter, ts, building, energy_import_kwh FROM reading').all()).toEqual([{ park: 'p1', meter: 'GRID', ts: 1000, building: null, energy_import_kwh: 42.5 }]);
    view.close();
  });
});
