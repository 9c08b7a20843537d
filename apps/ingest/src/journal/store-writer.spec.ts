import type { AcceptedReading } from '@zeropark/contracts';
import type { ParkReadings, ReadingPoint, TimeseriesStore } from '@zeropark/timeseries';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { IngestMetrics } from '../ingest-metrics.js';
import { IngestJournal } from './ingest-journal.js';
import { StoreWriter } from './store-writer.js';

/** A store that refuses its first `failures` writes, as a store in an outage does. */
class FlakyStore implements Pick<TimeseriesStore, 'writeReadings'> {
  readonly written: ReadingPoint[] = [];
  attempts = 0;
  constructor(private failures: number) {}
  async writeReadings(batches: readonly ParkReadings[]): Promise<void> {
    this.attempts += 1;
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('connect ECONNREFUSED');
    }
    for (const { park, readings } of batches) for (const reading of readings) this.written.push({ ...reading, park });
  }
  async queryReadings(): Promise<ReadingPoint[]> {
    return this.written;
  }
  async close(): Promise<void> {}
}

function entry(ts: number) {
  const readings: AcceptedReading[] = [{ building: null, meter: 'GRID', role: 'grid_import', carrier: 'electricity', ts, values: { power_kw: ts } }];
  return { park: 'p1', gateway: 'g', seq: ts, receivedAt: ts, readings, readingsJson: JSON.stringify(readings) };
}

describe(StoreWriter.name, () => {
  it('should keep failed batches in the journal and deliver every reading once the store is back, in order', async () => {
    const journal = new IngestJournal(join(mkdtempSync(join(tmpdir(), 'zeropark-writer-')), 'ingest.db'));
    const store = new FlakyStore(3);
    const writer = new StoreWriter(journal, store, { batchReadings: 2, retry: { initialMs: 1, maxMs: 5 } }, new IngestMetrics(), pino({ level: 'silent' }));
    writer.start();
    await Promise.all([1, 2, 3, 4, 5].map((ts) => journal.append(entry(ts))));
    await expect.poll(() => journal.depth).toBe(0);
    expect(store.written.map((written) => written.ts)).toEqual([1, 2, 3, 4, 5]);
    expect(store.attempts).toBe(3 + 3); // three refusals, then 5 readings in batches of 2: 2 + 2 + 1
    await writer.stop();
    journal.close();
  });

  it('should leave what the store never took in the journal when stopped', async () => {
    const journal = new IngestJournal(join(mkdtempSync(join(tmpdir(), 'zeropark-writer-')), 'ingest.db'));
    const writer = new StoreWriter(journal, new FlakyStore(Number.POSITIVE_INFINITY), { batchReadings: 10, retry: { initialMs: 1, maxMs: 2 } }, new IngestMetrics(), pino({ level: 'silent' }));
    writer.start();
    await journal.append(entry(1));
    await new Promise((resolve) => setTimeout(resolve, 30));
    await writer.stop();
    expect(journal.depth).toBe(1);
    journal.close();
  });
});
