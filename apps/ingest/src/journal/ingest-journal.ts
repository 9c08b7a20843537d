import type { AcceptedReading } from '@zeropark/contracts';
import { openSqlite, type ParkReadings } from '@zeropark/timeseries';

export interface JournalEntry {
  park: string;
  gateway: string;
  seq: number;
  receivedAt: number;
  readings: AcceptedReading[];
  /** `readings` as JSON, made once by the caller, who sends the same text on the bus. */
  readingsJson: string;
}

export interface JournalBatch {
  /** Ids of the journal rows, to remove once the store confirmed them. */
  ids: number[];
  /** Their readings, park by park, in journal order. */
  batches: ParkReadings[];
  readingCount: number;
}

/** A journal row not yet confirmed by the store; its readings are kept in memory while they fit. */
interface QueuedRow {
  id: number;
  park: string;
  count: number;
  readings: AcceptedReading[] | undefined;
}

/** Readings kept in memory for the store writer; past this they are read back from disk. */
const DEFAULT_MEMORY_READINGS = 250_000;

/**
 * The local durable journal: a batch is accepted (PUBACK) once it is here, and leaves only when
 * the store confirmed it (DESIGN.md, "Accepted means durable"). SQLite in WAL mode with
 * `synchronous = FULL`; appends that arrive in the same turn of the event loop share one commit
 * (group commit), so many concurrent publishes cost one fsync. The rows waiting for the store
 * are also kept in memory (up to a bound), so the store writer does not read back and parse
 * what was just written; removals are not fsynced (a removal lost in a crash only replays rows
 * the store already has, and the store's key makes that harmless).
 */
export class IngestJournal {
  private readonly db: ReturnType<typeof openSqlite>;
  private readonly insertMany: (entries: readonly JournalEntry[]) => number[];
  private readonly deleteThrough: (lastId: number) => void;
  private readonly selectReadings: ReturnType<ReturnType<typeof openSqlite>['prepare']>;
  private pending: { entry: JournalEntry; resolve: () => void; reject: (error: Error) => void }[] = [];
  private commitScheduled = false;
  private readingCount = 0;
  private readonly queue: QueuedRow[] = [];
  private memoryReadings = 0;
  private readonly listeners = new Set<() => void>();
  /** Commits made and entries they held, for /metrics and the specs. */
  readonly stats = { commits: 0, entries: 0 };

  constructor(
    file: string,
    private readonly memoryBound: number = DEFAULT_MEMORY_READINGS,
  ) {
    this.db = openSqlite(file);
    this.db.exec(`CREATE TABLE IF NOT EXISTS journal (
      id INTEGER PRIMARY KEY, park TEXT NOT NULL, gateway TEXT NOT NULL, seq INTEGER NOT NULL,
      received_at INTEGER NOT NULL, reading_count INTEGER NOT NULL, readings_json TEXT NOT NULL)`);
    const insert = this.db.prepare('INSERT INTO journal (park, gateway, seq, received_at, reading_count, readings_json) VALUES (?, ?, ?, ?, ?, ?)');
    this.insertMany = this.db.transaction((entries: readonly JournalEntry[]) =>
      entries.map((entry) => Number(insert.run(entry.park, entry.gateway, entry.seq, entry.receivedAt, entry.readings.length, entry.readingsJson).lastInsertRowid)),
    );
    // the store confirms the oldest rows first, so one range delete removes a whole batch
    const removeThrough = this.db.prepare('DELETE FROM journal WHERE id <= ?');
    this.deleteThrough = (lastId) => {
      this.db.pragma('synchronous = NORMAL');
      try {
        removeThrough.run(lastId);
      } finally {
        this.db.pragma('synchronous = FULL');
      }
    };
    this.selectReadings = this.db.prepare('SELECT readings_json FROM journal WHERE id = ?');
    // after a restart: what the store never confirmed, read back from disk when its turn comes
    for (const row of this.db.prepare('SELECT id, park, reading_count FROM journal ORDER BY id').iterate() as IterableIterator<{ id: number; park: string; reading_count: number }>) {
      this.queue.push({ id: row.id, park: row.park, count: row.reading_count, readings: undefined });
      this.readingCount += row.reading_count;
    }
  }

  /** Resolves once the entry is committed to disk. */
  append(entry: JournalEntry): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ entry, resolve, reject });
      if (!this.commitScheduled) {
        this.commitScheduled = true;
        setImmediate(() => this.commit());
      }
    });
  }

  /** Readings waiting for the store. */
  get depth(): number {
    return this.readingCount;
  }

  /** The oldest entries, up to about `maxReadings` readings (always at least one entry). */
  oldest(maxReadings: number): JournalBatch {
    const batch: JournalBatch = { ids: [], batches: [], readingCount: 0 };
    let current: { park: string; readings: AcceptedReading[] } | undefined;
    for (const row of this.queue) {
      if (batch.ids.length > 0 && batch.readingCount + row.count > maxReadings) break;
      batch.ids.push(row.id);
      batch.readingCount += row.count;
      const readings = row.readings ?? (JSON.parse((this.selectReadings.get(row.id) as { readings_json: string }).readings_json) as AcceptedReading[]);
      if (current?.park !== row.park) batch.batches.push((current = { park: row.park, readings: [] }));
      for (const reading of readings) current.readings.push(reading);
    }
    return batch;
  }

  /** Removes entries the store confirmed: they are the oldest, in order. */
  remove(batch: JournalBatch): void {
    const lastId = batch.ids.at(-1);
    if (lastId === undefined) return;
    if (batch.ids[0] !== this.queue[0]?.id) throw new Error('journal rows must be removed oldest first');
    this.deleteThrough(lastId);
    const removed = this.queue.splice(0, batch.ids.length);
    for (const row of removed) {
      this.readingCount -= row.count;
      if (row.readings !== undefined) this.memoryReadings -= row.count;
    }
    this.notify();
  }

  /** Called after every commit and removal: the writer wakes on new entries, backpressure on removals. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.commit();
    this.db.close();
  }

  private commit(): void {
    this.commitScheduled = false;
    const group = this.pending;
    if (group.length === 0) return;
    this.pending = [];
    let ids: number[];
    try {
      ids = this.insertMany(group.map((item) => item.entry));
    } catch (error) {
      for (const item of group) item.reject(error as Error);
      return;
    }
    this.stats.commits += 1;
    this.stats.entries += group.length;
    group.forEach((item, index) => {
      const count = item.entry.readings.length;
      const keep = this.memoryReadings + count <= this.memoryBound;
      if (keep) this.memoryReadings += count;
      this.queue.push({ id: ids[index] ?? 0, park: item.entry.park, count, readings: keep ? item.entry.readings : undefined });
      this.readingCount += count;
    });
    for (const item of group) item.resolve();
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
