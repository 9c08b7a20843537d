import { openSqlite } from '@zeropark/timeseries';

export interface DeadLetter {
  receivedAt: number;
  park: string;
  gateway: string;
  seq: number | null;
  /** Index of the reading in its batch; null when the whole batch was refused. */
  readingIndex: number | null;
  meter: string | null;
  reason: string;
  /** The refused reading or, for a refused batch, the payload (cut at 64 KiB). */
  payload: string;
}

const MAX_PAYLOAD_CHARS = 64 * 1024;

/**
 * Refused input is acknowledged (a poison message must not loop) but never thrown away: it is
 * kept here with its reason (docs/architecture.md, "Accepted means durable").
 */
export class DeadLetterLog {
  private readonly db: ReturnType<typeof openSqlite>;
  private readonly insertMany: (letters: readonly DeadLetter[]) => void;

  constructor(file: string) {
    this.db = openSqlite(file);
    this.db.exec(`CREATE TABLE IF NOT EXISTS dead_letter (
      id INTEGER PRIMARY KEY, received_at INTEGER NOT NULL, park TEXT NOT NULL, gateway TEXT NOT NULL,
      seq INTEGER, reading_index INTEGER, meter TEXT, reason TEXT NOT NULL, payload TEXT NOT NULL)`);
    const insert = this.db.prepare(
      `INSERT INTO dead_letter (received_at, park, gateway, seq, reading_index, meter, reason, payload)
       VALUES (@receivedAt, @park, @gateway, @seq, @readingIndex, @meter, @reason, @payload)`,
    );
    this.insertMany = this.db.transaction((letters: readonly DeadLetter[]) => {
      for (const letter of letters) insert.run({ ...letter, payload: letter.payload.slice(0, MAX_PAYLOAD_CHARS) });
    });
  }

  add(letters: readonly DeadLetter[]): void {
    if (letters.length > 0) this.insertMany(letters);
  }

  list(park: string, limit = 100): DeadLetter[] {
    return this.db
      .prepare(
        `SELECT received_at AS receivedAt, park, gateway, seq, reading_index AS readingIndex, meter, reason, payload
         FROM dead_letter WHERE park = ? ORDER BY id DESC LIMIT ?`,
      )
      .all(park, limit) as DeadLetter[];
  }

  close(): void {
    this.db.close();
  }
}
