import type { AcceptedReading } from '@zeropark/contracts';
import { openSqlite, type ParkReadings, type PreparedReadings } from '@zeropark/timeseries';
import { JournalWritesInWorker, type JournalRow } from './journal-writes-in-worker.js';

export interface JournalEntry {
  park: string;
  gateway: string;
  seq: number;
  receivedAt: number;
  readings: AcceptedReading[];
  /** `readings` as JSON, made once by the caller, who sends the same text on the bus. */
  readingsJson: string;
}

export interface JournalBatch<Prepared extends PreparedReadings> {
  /** Ids of the journal rows, to remove once the store confirmed them. */
  ids: number[];
  /** Their readings in the store's write form, a batch per row, in journal order. */
  batches: Prepared[];
  readingCount: number;
}

export interface IngestJournalOptions<Prepared extends PreparedReadings> {
  /** The store's write form of a row's readings (`TimeseriesStore.prepareReadings`). */
  prepare: (batch: ParkReadings) => Prepared;
  /** Readings kept in memory, prepared, for the store writer; past this they are read back from disk. */
  memoryReadings?: number;
  /**
   * Called after each commit with how long it took, from the group's rows leaving for the worker
   * to their fsync done (what the group's PUBACKs waited, past the commit before), and how many
   * batches it held: for /metrics.
   */
  onCommit?: (commit: { seconds: number; entries: number }) => void;
}

/** A journal row not yet confirmed by the store; its readings are kept in memory, prepared, while they fit. */
interface QueuedRow<Prepared> {
  id: number;
  park: string;
  count: number;
  prepared: Prepared | undefined;
  /** When its commit was done (`performance.now()`); minus infinity for a row left by the last run. */
  committedAt: number;
}

/** About 30 MiB of line protocol. */
const DEFAULT_MEMORY_READINGS = 250_000;

/**
 * The local durable journal: a batch is accepted (PUBACK) once it is here, and leaves only when
 * the store confirmed it (docs/architecture.md, "Accepted means durable"). SQLite in WAL mode with
 * `synchronous = FULL`; appends share one commit (group commit), so many concurrent publishes
 * cost one fsync: those of one turn of the event loop, and all those that came while the commit
 * before was on its way to disk. The commits are made by a worker thread
 * (`JournalWritesInWorker`), so a slow disk holds up the PUBACKs waiting for it, not the event
 * loop that takes every gateway's packets; this connection makes the table, then only reads.
 * The rows waiting for the store are also kept in memory (up to a bound) in the store's own
 * write form, prepared once at commit,
 * so the store writer neither reads back and parses what was just written nor holds a queue of
 * objects for the garbage collector to walk; removals are not fsynced (a removal lost in a crash
 * only replays rows the store already has, and the store's key makes that harmless).
 */
export class IngestJournal<Prepared extends PreparedReadings> {
  private readonly db: ReturnType<typeof openSqlite>;
  private readonly writes: JournalWritesInWorker;
  private readonly selectReadings: ReturnType<ReturnType<typeof openSqlite>['prepare']>;
  private pending: { entry: JournalEntry; resolve: () => void; reject: (error: Error) => void }[] = [];
  private commitScheduled = false;
  /** The commit on its way to disk, if any: the next one starts when it is done. */
  private committing: Promise<void> | undefined;
  private readingCount = 0;
  private readonly queue: QueuedRow<Prepared>[] = [];
  /** The rows at the front of the queue that a write has taken, and their readings. */
  private taken = 0;
  private takenReadings = 0;
  private readonly prepare: (batch: ParkReadings) => Prepared;
  private readonly memoryBound: number;
  private memoryReadings = 0;
  private readonly onCommit: IngestJournalOptions<Prepared>['onCommit'];
  private readonly listeners = new Set<() => void>();
  /** When this run opened the journal (performance.now()). */
  private readonly openedAt = performance.now();

  constructor(file: string, options: IngestJournalOptions<Prepared>) {
    this.prepare = options.prepare;
    this.memoryBound = options.memoryReadings ?? DEFAULT_MEMORY_READINGS;
    this.onCommit = options.onCommit;
    // a row holds a whole batch (about 130 bytes a reading): 16 KiB pages take fewer page writes a commit than 4 KiB
    this.db = openSqlite(file, { pageSize: 16_384 });
    this.db.exec(`CREATE TABLE IF NOT EXISTS journal (
      id INTEGER PRIMARY KEY, park TEXT NOT NULL, gateway TEXT NOT NULL, seq INTEGER NOT NULL,
      received_at INTEGER NOT NULL, reading_count INTEGER NOT NULL, readings_json TEXT NOT NULL)`);
    this.writes = new JournalWritesInWorker(file);
    this.selectReadings = this.db.prepare('SELECT readings_json FROM journal WHERE id = ?');
    // after a restart: what the store never confirmed, read back from disk when its turn comes
    for (const row of this.db.prepare('SELECT id, park, reading_count FROM journal ORDER BY id').iterate() as IterableIterator<{ id: number; park: string; reading_count: number }>) {
      this.queue.push({ id: row.id, park: row.park, count: row.reading_count, prepared: undefined, committedAt: Number.NEGATIVE_INFINITY });
      this.readingCount += row.reading_count;
    }
  }

  /** Resolves once the entry is committed to disk. */
  append(entry: JournalEntry): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ entry, resolve, reject });
      this.scheduleCommit();
    });
  }

  /** Readings waiting for the store. */
  get depth(): number {
    return this.readingCount;
  }

  /**
   * The next entries no write has taken yet, oldest first, up to about `maxReadings` readings (at
   * least one entry, unless there is none): the store writer takes the next batch while earlier
   * ones are still being written. Taken entries stay in the journal until `remove`.
   */
  take(maxReadings: number): JournalBatch<Prepared> {
    const batch: JournalBatch<Prepared> = { ids: [], batches: [], readingCount: 0 };
    for (let index = this.taken; index < this.queue.length; index += 1) {
      const row = this.queue[index] as QueuedRow<Prepared>;
      if (batch.ids.length > 0 && batch.readingCount + row.count > maxReadings) break;
      batch.ids.push(row.id);
      batch.readingCount += row.count;
      batch.batches.push(row.prepared ?? this.readBack(row));
    }
    this.taken += batch.ids.length;
    this.takenReadings += batch.readingCount;
    return batch;
  }

  /**
   * The readings no write has taken yet, and how long the oldest of them has waited since its
   * commit, in ms (infinite for a row left by the last run, 0 when there is none): for a writer
   * that waits to fill its batch.
   */
  untaken(): { readings: number; oldestWaitedMs: number } {
    const oldest = this.queue[this.taken];
    return { readings: this.readingCount - this.takenReadings, oldestWaitedMs: oldest === undefined ? 0 : performance.now() - oldest.committedAt };
  }

  /**
   * How long the oldest reading of the journal, taken by a write or not, has waited for the store,
   * in ms (0 when the journal is empty): what the ingest reports as its journal not draining
   * (docs/alerts.md, "Platform alerts"). A row left by the last run counts from this run's start.
   */
  oldestWaitedMs(): number {
    const oldest = this.queue[0];
    return oldest === undefined ? 0 : performance.now() - Math.max(oldest.committedAt, this.openedAt);
  }

  /** Every entry taken and not removed can be taken again: for a writer that starts over. */
  untakeAll(): void {
    this.taken = 0;
    this.takenReadings = 0;
  }

  /** Removes entries the store confirmed: they are the oldest, in order. */
  remove(batch: JournalBatch<Prepared>): void {
    const lastId = batch.ids.at(-1);
    if (lastId === undefined) return;
    if (batch.ids[0] !== this.queue[0]?.id) throw new Error('journal rows must be removed oldest first');
    // the store confirms the oldest rows first, so one range delete removes a whole batch; one
    // that fails only leaves rows the store already has, replayed harmlessly after a restart
    this.writes.deleteThrough(lastId).catch(() => undefined);
    const removed = this.queue.splice(0, batch.ids.length);
    this.taken = Math.max(0, this.taken - removed.length);
    let removedReadings = 0;
    for (const row of removed) {
      removedReadings += row.count;
      if (row.prepared !== undefined) this.memoryReadings -= row.count;
    }
    this.readingCount -= removedReadings;
    this.takenReadings = this.taken === 0 ? 0 : this.takenReadings - removedReadings;
    this.notify();
  }

  /** Called after every commit and removal: the writer wakes on new entries, backpressure on removals. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Commits what was appended, then closes the file: every append made before has settled. */
  async close(): Promise<void> {
    while (this.committing !== undefined || this.pending.length > 0) await (this.committing ?? this.commit());
    await this.writes.close();
    this.db.close();
  }

  /** The next commit, after this turn of the event loop and after the commit on its way to disk. */
  private scheduleCommit(): void {
    if (this.commitScheduled || this.committing !== undefined) return;
    this.commitScheduled = true;
    setImmediate(() => void this.commit());
  }

  private commit(): Promise<void> {
    this.commitScheduled = false;
    const group = this.pending;
    if (group.length === 0) return Promise.resolve();
    this.pending = [];
    const sentAt = performance.now();
    this.committing = this.writes.insert(group.map(({ entry }) => rowOf(entry))).then(
      (ids) => {
        const committedAt = performance.now();
        this.committed(group, ids, committedAt);
        this.onCommit?.({ seconds: (committedAt - sentAt) / 1000, entries: group.length });
      },
      (error: unknown) => {
        for (const item of group) item.reject(error as Error);
      },
    );
    void this.committing.finally(() => {
      this.committing = undefined;
      if (this.pending.length > 0) this.scheduleCommit();
    });
    return this.committing;
  }

  private committed(group: { entry: JournalEntry; resolve: () => void }[], ids: number[], committedAt: number): void {
    group.forEach(({ entry }, index) => {
      const count = entry.readings.length;
      const keep = this.memoryReadings + count <= this.memoryBound;
      if (keep) this.memoryReadings += count;
      this.queue.push({ id: ids[index] ?? 0, park: entry.park, count, prepared: keep ? this.prepare({ park: entry.park, readings: entry.readings, readingsJson: entry.readingsJson }) : undefined, committedAt });
      this.readingCount += count;
    });
    for (const item of group) item.resolve();
    this.notify();
  }

  /** A row that did not fit in memory, or was left by the last run. */
  private readBack(row: QueuedRow<Prepared>): Prepared {
    const { readings_json: json } = this.selectReadings.get(row.id) as { readings_json: string };
    return this.prepare({ park: row.park, readings: JSON.parse(json) as AcceptedReading[], readingsJson: json });
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

function rowOf(entry: JournalEntry): JournalRow {
  return [entry.park, entry.gateway, entry.seq, entry.receivedAt, entry.readings.length, entry.readingsJson];
}
