import { openSqlite, type ReadingPoint } from '@zeropark/timeseries';

export interface JournalEntry {
  park: string;
  gateway: string;
  seq: number;
  receivedAt: number;
  points: ReadingPoint[];
}

export interface JournalBatch {
  /** Ids of the journal rows, to remove once the store confirmed them. */
  ids: number[];
  points: ReadingPoint[];
}

/**
 * The local durable journal: a batch is accepted (PUBACK) once it is here, and leaves only when
 * the store confirmed it (DESIGN.md, "Accepted means durable"). SQLite in WAL mode with
 * `synchronous = FULL`; appends that arrive in the same turn of the event loop share one commit
 * (group commit), so many concurrent publishes cost one fsync.
 */
export class IngestJournal {
  private readonly db: ReturnType<typeof openSqlite>;
  private readonly insertMany: (entries: readonly JournalEntry[]) => void;
  private pending: { entry: JournalEntry; resolve: () => void; reject: (error: Error) => void }[] = [];
  private commitScheduled = false;
  private readingCount: number;
  private readonly listeners = new Set<() => void>();
  /** Commits made and entries they held, for /metrics and the specs. */
  readonly stats = { commits: 0, entries: 0 };

  constructor(file: string) {
    this.db = openSqlite(file);
    this.db.exec(`CREATE TABLE IF NOT EXISTS journal (
      id INTEGER PRIMARY KEY, park TEXT NOT NULL, gateway TEXT NOT NULL, seq INTEGER NOT NULL,
      received_at INTEGER NOT NULL, readings INTEGER NOT NULL, points TEXT NOT NULL)`);
    const insert = this.db.prepare('INSERT INTO journal (park, gateway, seq, received_at, readings, points) VALUES (?, ?, ?, ?, ?, ?)');
    this.insertMany = this.db.transaction((entries: readonly JournalEntry[]) => {
      for (const entry of entries) insert.run(entry.park, entry.gateway, entry.seq, entry.receivedAt, entry.points.length, JSON.stringify(entry.points));
    });
    this.readingCount = (this.db.prepare('SELECT coalesce(sum(readings), 0) AS n FROM journal').get() as { n: number }).n;
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
    const rows = this.db.prepare('SELECT id, readings, points FROM journal ORDER BY id LIMIT 1000').iterate() as IterableIterator<{ id: number; readings: number; points: string }>;
    const batch: JournalBatch = { ids: [], points: [] };
    for (const row of rows) {
      if (batch.ids.length > 0 && batch.points.length + row.readings > maxReadings) break;
      batch.ids.push(row.id);
      batch.points.push(...(JSON.parse(row.points) as ReadingPoint[]));
    }
    return batch;
  }

  /** Removes entries the store confirmed. */
  remove(batch: JournalBatch): void {
    const remove = this.db.prepare('DELETE FROM journal WHERE id = ?');
    this.db.transaction(() => {
      for (const id of batch.ids) remove.run(id);
    })();
    this.readingCount -= batch.points.length;
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
    try {
      this.insertMany(group.map((item) => item.entry));
    } catch (error) {
      for (const item of group) item.reject(error as Error);
      return;
    }
    this.stats.commits += 1;
    this.stats.entries += group.length;
    for (const item of group) this.readingCount += item.entry.points.length;
    for (const item of group) item.resolve();
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
