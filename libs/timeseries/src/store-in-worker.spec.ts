import type { CarbonPoint } from '@zeropark/contracts';
import { temporaryDirectory } from '@zeropark/test-servers';
import { describe, expect, it } from 'vitest';
import { describeStoreContract } from './store-contract.fixture.js';
import { StoreInWorker } from './store-in-worker.js';

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
