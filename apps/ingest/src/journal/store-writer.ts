import type { PreparedReadings, TimeseriesStore } from '@zeropark/timeseries';
import type { Logger } from 'pino';
import type { IngestMetrics } from '../ingest-metrics.js';
import type { IngestJournal, JournalBatch } from './ingest-journal.js';
import { retryDelay } from '@zeropark/service-runtime';

export interface StoreWriterOptions {
  /** Readings per store write; InfluxDB's advice is about 5 000 lines a request. */
  batchReadings: number;
  /** Store writes in flight at once: the next batch travels while the store takes the last one. */
  writesInFlight: number;
  /**
   * How long a write waits for a full batch, counted from the commit of the oldest reading it
   * would take, before it goes with fewer (0, the default here: never waits). Fewer, fuller
   * writes: SQLite rewrites the last page of every series a write touches at each commit.
   */
  lingerMs?: number;
  retry: { initialMs: number; maxMs: number };
  /** Told the reason of each failed write, and undefined after each confirmed one: for the ingest's health. */
  onOutcome?: (refusal: string | undefined) => void;
}

/** A batch handed out to a write, and whether the store confirmed it. */
interface Outstanding<Prepared extends PreparedReadings> {
  batch: JournalBatch<Prepared>;
  confirmed: boolean;
}

/**
 * Moves the journal into the store, oldest first, with up to `writesInFlight` writes under way.
 * A batch leaves the journal only once the store confirmed it and every batch before it, so the
 * journal always holds whatever is not yet confirmed. A failed write is retried with backoff,
 * forever: nothing is dropped, and after an outage or a restart the journal is replayed (the
 * store's key makes a replay overwrite itself).
 */
export class StoreWriter<Prepared extends PreparedReadings> {
  private running = false;
  private readonly sleepers = new Set<() => void>();
  private loops: Promise<void>[] = [];
  private failures = 0;
  /** Batches taken from the journal and not yet removed from it, oldest first. */
  private readonly outstanding: Outstanding<Prepared>[] = [];

  constructor(
    private readonly journal: IngestJournal<Prepared>,
    private readonly store: Pick<TimeseriesStore, 'writePreparedReadings'>,
    private readonly options: StoreWriterOptions,
    private readonly metrics: IngestMetrics,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.running = true;
    this.journal.untakeAll(); // what a stopped run took and never confirmed is written again
    this.outstanding.length = 0;
    const unsubscribe = this.journal.onChange(() => this.wakeAll());
    this.loops = Array.from({ length: Math.max(1, this.options.writesInFlight) }, () => this.run());
    void Promise.all(this.loops).finally(unsubscribe);
  }

  /** Stops after the writes under way; what is left stays in the journal for the next start. */
  async stop(): Promise<void> {
    this.running = false;
    this.wakeAll();
    await Promise.all(this.loops);
  }

  private async run(): Promise<void> {
    while (this.running) {
      const lingerLeft = this.lingerLeftMs();
      if (lingerLeft > 0) {
        await this.sleep(lingerLeft, () => this.lingerLeftMs() === 0);
        continue;
      }
      const batch = this.journal.take(this.options.batchReadings);
      if (batch.ids.length === 0) {
        await this.sleep(Number.POSITIVE_INFINITY);
        continue;
      }
      const outstanding: Outstanding<Prepared> = { batch, confirmed: false };
      this.outstanding.push(outstanding);
      if (!(await this.writeUntilConfirmed(batch))) return;
      outstanding.confirmed = true;
      this.removeConfirmed();
    }
  }

  /** False when stopped before the store confirmed the batch. */
  private async writeUntilConfirmed(batch: JournalBatch<Prepared>): Promise<boolean> {
    while (this.running) {
      const stopTimer = this.metrics.storeWriteSeconds.startTimer();
      try {
        await this.store.writePreparedReadings(batch.batches);
      } catch (error) {
        stopTimer();
        this.failures += 1;
        this.metrics.storeWriteRetries.inc();
        this.options.onOutcome?.((error as Error).message);
        const delay = retryDelay(this.failures, this.options.retry);
        this.logger.warn({ reason: (error as Error).message, failures: this.failures, retryInMs: delay, journalReadings: this.journal.depth }, 'store write failed: kept in the journal, retrying');
        // the first write that gets through ends every other write's wait: the store is back, and
        // an older batch left waiting its backoff (up to retry.maxMs) would hold the drain back
        await this.sleep(delay, () => this.failures === 0);
        continue;
      }
      stopTimer();
      const resumed = this.failures > 0;
      if (resumed) this.logger.info({ afterFailures: this.failures }, 'store writes resumed');
      this.failures = 0;
      if (resumed) this.wakeAll();
      this.options.onOutcome?.(undefined);
      this.metrics.readingsStored.inc(batch.readingCount);
      return true;
    }
    return false;
  }

  /** The journal gives up its rows oldest first: the confirmed batches at the front leave it. */
  private removeConfirmed(): void {
    while (this.outstanding[0]?.confirmed === true) {
      const { batch } = this.outstanding.shift() as Outstanding<Prepared>;
      this.journal.remove(batch);
    }
  }

  /** How long the next write should still wait for its batch to fill: 0 when it is full, or waited long enough, or empty. */
  private lingerLeftMs(): number {
    const lingerMs = this.options.lingerMs ?? 0;
    if (lingerMs <= 0) return 0;
    const { readings, oldestWaitedMs } = this.journal.untaken();
    if (readings === 0 || readings >= this.options.batchReadings) return 0;
    return Math.max(0, lingerMs - oldestWaitedMs);
  }

  /**
   * Waits `ms`, or until the writer stops; waiting for work (`ms` infinite) also ends when the
   * journal changes, and a wait with `until` when the journal changes and `until()` holds.
   */
  private sleep(ms: number, until?: () => boolean): Promise<void> {
    const forWork = !Number.isFinite(ms);
    return new Promise((resolve) => {
      const end = () => {
        clearTimeout(timer);
        this.sleepers.delete(nudge);
        resolve();
      };
      const nudge = () => {
        if (forWork || !this.running || until?.() === true) end();
      };
      const timer = forWork ? undefined : setTimeout(end, ms);
      this.sleepers.add(nudge);
    });
  }

  private wakeAll(): void {
    for (const wake of [...this.sleepers]) wake();
  }
}
