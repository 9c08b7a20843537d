import type { Logger } from 'pino';
import type { PreparedReadings } from '@zeropark/timeseries';
import type { IngestJournal } from './ingest-journal.js';

/**
 * When the journal holds more than its bound, the ingest stops acknowledging: publishes wait here
 * (no PUBACK, so the broker and the gateways hold the backlog) until the store writer has drained
 * it below the bound. Nothing is dropped (docs/architecture.md, "Accepted means durable").
 */
export class JournalBackpressure {
  private waiters: (() => void)[] = [];
  private engaged = false;

  constructor(
    private readonly journal: Pick<IngestJournal<PreparedReadings>, 'depth' | 'onChange'>,
    private readonly maxReadings: number,
    private readonly logger: Logger,
    private readonly onEngaged: (engaged: boolean) => void = () => undefined,
  ) {
    journal.onChange(() => this.check());
  }

  /** Resolves at once while the journal is under its bound; else when it is again. */
  wait(): Promise<void> {
    if (this.journal.depth < this.maxReadings) return Promise.resolve();
    if (!this.engaged) {
      this.engaged = true;
      this.onEngaged(true);
      this.logger.warn({ journalReadings: this.journal.depth, bound: this.maxReadings }, 'journal full: no more acknowledgements until the store catches up');
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private check(): void {
    if (!this.engaged || this.journal.depth >= this.maxReadings) return;
    this.engaged = false;
    this.onEngaged(false);
    this.logger.info({ journalReadings: this.journal.depth }, 'journal below its bound: acknowledging again');
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
