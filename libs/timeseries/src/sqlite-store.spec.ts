import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from './sqlite-store.js';
import { describeStoreContract } from './store-contract.fixture.js';
import { byPark } from './timeseries-store.js';

describeStoreContract('SqliteStore', async () => new SqliteStore(join(mkdtempSync(join(tmpdir(), 'zeropark-store-')), 'store.db')));

describe(SqliteStore.name, () => {
  it('should keep what it stored across a reopen of the file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'zeropark-store-')), 'nested', 'store.db');
    const first = new SqliteStore(file);
    const written = { park: 'p1', meter: 'M1', ts: 1_800_000_000_000, building: null, role: 'grid_import' as const, carrier: 'electricity' as const, values: { energy_import_kwh: 1 } };
    await first.writeReadings(byPark([written]));
    await first.close();
    const second = new SqliteStore(file);
    expect(await second.queryReadings({ park: 'p1', from: 0, to: 2_000_000_000_000 })).toEqual([written]);
    await second.close();
  });
});
