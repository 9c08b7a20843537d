import type { TimeseriesStore } from '@zeropark/timeseries';
import type { Logger } from 'pino';
import type { IngestMetrics } from '../ingest-metrics.js';
import type { IngestJournal } from './ingest-journal.js';
import { retryDelay } from '@zeropark/service-runtime';

export interface StoreWriterOptions {
  /** Readings per store write; InfluxDB's advice is about 5 000 lines a request. */
  batchReadings: number;
  retry: { initialMs: number; maxMs: number };
}

/**
 * Moves the journal into the store, oldest first: a batch leaves the journal only once the
 * store confirmed it. A failed write is retried with backoff, forever: nothing is dropped,
 * and after an outage or a restart the journal is replayed (the store's key makes a replay
 * overwrite itself).
 */
export class StoreWriter {
  private running = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private failures = 0;

  constructor(
    private readonly journal: IngestJournal,
    private readonly store: Pick<TimeseriesStore, 'writeReadings'>,
    private readonly options: StoreWriterOptions,
    private readonly metrics: IngestMetrics,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.running = true;
    const unsubscribe = this.journal.onChange(() => this.wake?.());
    this.loop = this.run().finally(unsubscribe);
  }

  /** Stops after the write under way; what is left stays in the journal for the next start. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      if (this.journal.depth === 0) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
        continue;
      }
      const batch = this.journal.oldest(this.options.batchReadings);
      const stopTimer = this.metrics.storeWriteSeconds.startTimer();
      try {
        await this.store.writeReadings(batch.batches);
      } catch (error) {
        stopTimer();
        this.failures += 1;
        this.metrics.storeWriteRetries.inc();
        const delay = retryDelay(this.failures, this.options.retry);
        this.logger.warn({ reason: (error as Error).message, failures: this.failures, retryInMs: delay, journalReadings: this.journal.depth }, 'store write failed: kept in the journal, retrying');
        await this.sleep(delay);
        continue;
      }
      stopTimer();
      if (this.failures > 0) this.logger.info({ afterFailures: this.failures }, 'store writes resumed');
      this.failures = 0;
      this.journal.remove(batch);
      this.metrics.readingsStored.inc(batch.readingCount);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        if (!this.running) {
          clearTimeout(timer);
          resolve();
        }
      };
    });
  }
}
