import { QUANTITY_NAMES, type AcceptedReading, type Carrier, type MeterRole, type QuantityValues } from '@zeropark/contracts';
import type Database from 'better-sqlite3';
import type { ParkReadings, ReadingPoint, ReadingQuery } from './timeseries-store.js';

/** Readings written in one transaction between two turns of the event loop. */
const READINGS_PER_SLICE = 500;

interface ReadingRow {
  park: string;
  meter: string;
  ts: number;
  building: string;
  role: MeterRole;
  carrier: Carrier;
  [quantity: string]: string | number | null;
}

/**
 * The `reading` series in SQLite, keyed as InfluxDB keys it: a series per park, meter, building,
 * role and carrier (`reading_series`), and its points by time (`reading_point`, a column per
 * quantity; a rewrite merges fields as InfluxDB does). Points carry the series' number, not its
 * five strings, and no second index: far cheaper to write than one wide row per reading was.
 * The view `reading` shows them joined, for anyone who opens the file.
 *
 * A write is one transaction, made in slices of 500 readings with the event loop turning between
 * them: the ingest, which writes here, must keep acknowledging gateways while it writes. The
 * caller runs one write on the connection at a time (SQLite has one transaction per connection).
 */
export class SqliteReadings {
  private readonly seriesIds = new Map<string, number>();
  private readonly findSeries: Database.Statement;
  private readonly insertSeries: Database.Statement;
  private readonly upsertPoint: Database.Statement;
  /** The upsert's parameters, refilled for each reading. */
  private readonly parameters: (number | null)[] = [];

  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS reading_series (
      id INTEGER PRIMARY KEY, park TEXT NOT NULL, meter TEXT NOT NULL, building TEXT NOT NULL, role TEXT NOT NULL, carrier TEXT NOT NULL,
      UNIQUE (park, meter, building, role, carrier))`);
    db.exec(`CREATE TABLE IF NOT EXISTS reading_point (
      series INTEGER NOT NULL, ts INTEGER NOT NULL, ${QUANTITY_NAMES.map((name) => `${name} REAL`).join(', ')},
      PRIMARY KEY (series, ts)) WITHOUT ROWID`);
    migrateWideReadings(db);
    db.exec(`CREATE VIEW IF NOT EXISTS reading AS
      SELECT s.park, s.meter, p.ts, NULLIF(s.building, '') AS building, s.role, s.carrier, ${QUANTITY_NAMES.map((name) => `p.${name}`).join(', ')}
      FROM reading_point p JOIN reading_series s ON s.id = p.series`);
    this.findSeries = db.prepare('SELECT id FROM reading_series WHERE park = ? AND meter = ? AND building = ? AND role = ? AND carrier = ?').pluck();
    this.insertSeries = db.prepare('INSERT INTO reading_series (park, meter, building, role, carrier) VALUES (?, ?, ?, ?, ?)');
    this.upsertPoint = db.prepare(
      `INSERT INTO reading_point (series, ts, ${QUANTITY_NAMES.join(', ')}) VALUES (?, ?, ${QUANTITY_NAMES.map(() => '?').join(', ')})
       ON CONFLICT (series, ts) DO UPDATE SET ${QUANTITY_NAMES.map((name) => `${name} = coalesce(excluded.${name}, ${name})`).join(', ')}`,
    );
  }


  query(query: ReadingQuery): ReadingPoint[] {
    const meter = query.meter === undefined ? '' : 'AND s.meter = @meter';
    const rows = this.db
      .prepare(`${SELECT_POINTS} WHERE s.park = @park AND p.ts >= @from AND p.ts < @to ${meter} ORDER BY p.ts, s.meter`)
      .all({ park: query.park, from: query.from, to: query.to, ...(query.meter === undefined ? {} : { meter: query.meter }) }) as ReadingRow[];
    return rows.map(pointOf);
  }

  /** The newest point of each meter in the range; SQLite gives the other columns of the row that holds the MAX. */
  latest(query: Omit<ReadingQuery, 'meter'>): ReadingPoint[] {
    const rows = this.db
      .prepare(`${SELECT_POINTS.replace('SELECT', 'SELECT MAX(p.ts) AS newest,')} WHERE s.park = @park AND p.ts >= @from AND p.ts < @to GROUP BY s.meter ORDER BY s.meter`)
      .all({ park: query.park, from: query.from, to: query.to }) as ReadingRow[];
    return rows.map(pointOf);
  }

  /** Resolves once every reading is committed; rejects, having written none, when the transaction failed. */
  async write(batches: readonly ParkReadings[]): Promise<void> {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      let sinceYield = 0;
      for (const { park, readings } of batches) {
        for (const reading of readings) {
          this.upsert(park, reading);
          if ((sinceYield += 1) === READINGS_PER_SLICE) {
            sinceYield = 0;
            await new Promise((resolve) => setImmediate(resolve));
          }
        }
      }
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      // a series made in the rolled-back transaction is gone: forget the numbers
      this.seriesIds.clear();
      throw error;
    }
  }

  private upsert(park: string, reading: AcceptedReading): void {
    const parameters = this.parameters;
    parameters[0] = this.seriesOf(park, reading);
    parameters[1] = reading.ts;
    QUANTITY_NAMES.forEach((name, index) => (parameters[index + 2] = reading.values[name] ?? null));
    this.upsertPoint.run(parameters);
  }

  private seriesOf(park: string, reading: AcceptedReading): number {
    const building = reading.building ?? '';
    const key = `${park}\u0000${reading.meter}\u0000${building}\u0000${reading.role}\u0000${reading.carrier}`;
    let id = this.seriesIds.get(key);
    if (id === undefined) {
      const found = this.findSeries.get(park, reading.meter, building, reading.role, reading.carrier) as number | undefined;
      id = found ?? Number(this.insertSeries.run(park, reading.meter, building, reading.role, reading.carrier).lastInsertRowid);
      this.seriesIds.set(key, id);
    }
    return id;
  }
}

const SELECT_POINTS = `SELECT s.park, s.meter, p.ts, s.building, s.role, s.carrier, ${QUANTITY_NAMES.map((name) => `p.${name}`).join(', ')}
  FROM reading_series s JOIN reading_point p ON p.series = s.id`;

function pointOf(row: ReadingRow): ReadingPoint {
  const values: QuantityValues = {};
  for (const name of QUANTITY_NAMES) {
    const value = row[name];
    if (typeof value === 'number') values[name] = value;
  }
  return { park: row.park, meter: row.meter, ts: row.ts, building: row.building === '' ? null : row.building, role: row.role, carrier: row.carrier, values };
}

/**
 * A file written before the series table (one wide `reading` table) is moved over once, in one
 * transaction that takes the write lock first: the ingest and the carbon service may open the
 * file at the same moment, and the second then finds the work done.
 */
function migrateWideReadings(db: Database.Database): void {
  const isWide = () => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'reading'").get() !== undefined;
  if (!isWide()) return;
  db.transaction(() => {
    if (!isWide()) return;
    db.exec(`INSERT OR IGNORE INTO reading_series (park, meter, building, role, carrier)
      SELECT DISTINCT park, meter, IFNULL(building, ''), role, carrier FROM reading`);
    db.exec(`INSERT OR REPLACE INTO reading_point (series, ts, ${QUANTITY_NAMES.join(', ')})
      SELECT s.id, r.ts, ${QUANTITY_NAMES.map((name) => `r.${name}`).join(', ')} FROM reading r
      JOIN reading_series s ON s.park = r.park AND s.meter = r.meter AND s.building = IFNULL(r.building, '') AND s.role = r.role AND s.carrier = r.carrier`);
    db.exec('DROP TABLE reading');
  }).immediate();
}
