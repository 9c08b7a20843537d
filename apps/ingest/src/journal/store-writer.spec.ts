import { temporaryDirectory } from '@zeropark/test-servers';
import type { AcceptedReading } from '@zeropark/contracts';
import type { ReadingPoint, TimeseriesStore } from '@zeropark/timeseries';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { IngestMetrics } from '../ingest-metrics.js';
import { IngestJournal } from './ingest-journal.js';
import { keepReadings, type KeptReadings } from './kept-readings.fixture.js';
import { StoreWriter } from './store-writer.js';

/** A store that refuses its first `failures` writes, as a store in an outage does. */
class FlakyStore implements Pick<TimeseriesStore, 'prepareReadings' | 'writePreparedReadings'> {
  readonly written: ReadingPoint[] = [];
  attempts = 0;
  constructor(private failures: number) {}
  readonly prepareReadings = keepReadings;
  async writePreparedReadings(batches: readonly KeptReadings[]): Promise<void> {
    this.attempts += 1;
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('connect ECONNREFUSED');
    }
    for (const { park, readings } of batches) for (const reading of readings) this.written.push({ ...reading, park });
  }
}

/** A store whose writes wait until the spec confirms them, one by one. */
class HeldStore implements Pick<TimeseriesStore, 'prepareReadings' | 'writePreparedReadings'> {
  readonly held: { ts: number[]; confirm: () => void }[] = [];
  readonly prepareReadings = keepReadings;
  writePreparedReadings(batches: readonly KeptReadings[]): Promise<void> {
    return new Promise((resolve) => this.held.push({ ts: batches.flatMap((batch) => batch.readings.map((reading) => reading.ts)), confirm: resolve }));
  }
}

function entry(ts: number) {
  const readings: AcceptedReading[] = [{ building: null, meter: 'GRID', role: 'grid_import', carrier: 'electricity', ts, values: { power_kw: ts } }];
  return { park: 'p1', gateway: 'g', seq: ts, receivedAt: ts, readings, readingsJson: JSON.stringify(readings) };
}

describe(StoreWriter.name, () => {
  it('should keep failed batches in the journal and deliver every reading once the store is back, in order', async () => {
    const store = new FlakyStore(3);
    const journal = new IngestJournal(join(temporaryDirectory('writer'), 'ingest.db'), { prepare: (batch) => store.prepareReadings(batch) });
    const writer = new StoreWriter(journal, store, { batchReadings: 2, writesInFlight: 1, retry: { initialMs: 1, maxMs: 5 } }, new IngestMetrics(), pino({ level: 'silent' }));
    writer.start();
    await Promise.all([1, 2, 3, 4, 5].map((ts) => journal.append(entry(ts))));
    await expect.poll(() => journal.depth).toBe(0);
    expect(store.written.map((written) => written.ts)).toEqual([1, 2, 3, 4, 5]);
    expect(store.attempts).toBe(3 + 3); // three refusals, then 5 readings in batches of 2: 2 + 2 + 1
    await writer.stop();
    await journal.close();
  });

  it('should retry every waiting write as soon as one gets through, so an older batch does not hold the drain back its whole backoff', async () => {
    // two writes in flight, backoff from 400 ms: A and B fail (A waits 320–400 ms, B 640–800 ms),
    // A fails again (then waits 1 280–1 600 ms), B gets through at 640–800 ms: A, the older, goes at once
    const store = new FlakyStore(3);
    const journal = new IngestJournal(join(temporaryDirectory('writer'), 'ingest.db'), { prepare: (batch) => store.prepareReadings(batch) });
    const writer = new StoreWriter(journal, store, { batchReadings: 1, writesInFlight: 2, retry: { initialMs: 400, maxMs: 10_000 } }, new IngestMetrics(), pino({ level: 'silent' }));
    await Promise.all([1, 2].map((ts) => journal.append(entry(ts))));
    const startedAt = performance.now();
    writer.start();
    await expect.poll(() => journal.depth, { timeout: 5000, interval: 20 }).toBe(0);
    expect(performance.now() - startedAt).toBeLessThan(1200);
    expect(store.written.map((written) => written.ts).sort()).toEqual([1, 2]);
    await writer.stop();
    await journal.close();
  });

  it('should leave what the store never took in the journal when stopped', async () => {
    const store = new FlakyStore(Number.POSITIVE_INFINITY);
    const journal = new IngestJournal(join(temporaryDirectory('writer'), 'ingest.db'), { prepare: (batch) => store.prepareReadings(batch) });
    const writer = new StoreWriter(journal, store, { batchReadings: 10, writesInFlight: 2, retry: { initialMs: 1, maxMs: 2 } }, new IngestMetrics(), pino({ level: 'silent' }));
    writer.start();
    await journal.append(entry(1));
    await new Promise((resolve) => setTimeout(resolve, 30));
    await writer.stop();
    expect(journal.depth).toBe(1);
    await journal.close();
  });

  it('should write the next batch while the last is under way, and keep a batch confirmed early until those before it are', async () => {
    const store = new HeldStore();
    const journal = new IngestJournal(join(temporaryDirectory('writer'), 'ingest.db'), { prepare: (batch) => store.prepareReadings(batch) });
    const writer = new StoreWriter(journal, store, { batchReadings: 1, writesInFlight: 2, retry: { initialMs: 1, maxMs: 2 } }, new IngestMetrics(), pino({ level: 'silent' }));
    writer.start();
    await Promise.all([1, 2, 3].map((ts) => journal.append(entry(ts))));
    await expect.poll(() => store.held.map((write) => write.ts)).toEqual([[1], [2]]); // two in flight, the third waits
    store.held[1]?.confirm();
    await expect.poll(() => store.held.length).toBe(3); // a slot is free: the third goes
    expect(journal.depth).toBe(3); // the second is confirmed, but the first is not: nothing leaves
    store.held[0]?.confirm();
    await expect.poll(() => journal.depth).toBe(1); // the first and second leave together
    store.held[2]?.confirm();
    await expect.poll(() => journal.depth).toBe(0);
    await writer.stop();
    await journal.close();
  });

  describe('with a linger', () => {
    /** A journal and a writer of batches of 3 into a store that takes every write, started. */
    const lingering = (lingerMs: number, file = join(temporaryDirectory('writer'), 'ingest.db')) => {
      const store = new FlakyStore(0);
      const journal = new IngestJournal(file, { prepare: (batch) => store.prepareReadings(batch) });
      const writer = new StoreWriter(journal, store, { batchReadings: 3, writesInFlight: 2, lingerMs, retry: { initialMs: 1, maxMs: 2 } }, new IngestMetrics(), pino({ level: 'silent' }));
      writer.start();
      return { store, journal, writer };
    };

    it('should wait for a full batch and write it as soon as it is full', async () => {
      const { store, journal, writer } = lingering(60_000);
      await Promise.all([1, 2].map((ts) => journal.append(entry(ts))));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(store.attempts).toBe(0); // two of three: the batch waits
      await journal.append(entry(3));
      await expect.poll(() => store.written.map((written) => written.ts)).toEqual([1, 2, 3]);
      expect(store.attempts).toBe(1);
      await writer.stop();
      await journal.close();
    });

    it('should write what it has once the oldest reading has waited the linger', async () => {
      const { store, journal, writer } = lingering(50);
      await journal.append(entry(1));
      expect(store.attempts).toBe(0); // no timer can have fired between the commit and here
      await expect.poll(() => store.written.map((written) => written.ts)).toEqual([1]);
      await writer.stop();
      await journal.close();
    });

    it('should stop at once while it waits, leaving the readings in the journal', async () => {
      const { store, journal, writer } = lingering(60_000);
      await journal.append(entry(1));
      await writer.stop();
      expect(store.attempts).toBe(0);
      expect(journal.depth).toBe(1);
      await journal.close();
    });

    it('should write the rows left by the last run without waiting', async () => {
      const file = join(temporaryDirectory('writer'), 'ingest.db');
      const lastRun = new IngestJournal(file, { prepare: keepReadings });
      await lastRun.append(entry(1));
      await lastRun.close();
      const { store, journal, writer } = lingering(60_000, file);
      await expect.poll(() => store.written.map((written) => written.ts)).toEqual([1]);
      await writer.stop();
      await journal.close();
    });
  });
});
