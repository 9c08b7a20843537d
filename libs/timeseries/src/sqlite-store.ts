import { QUANTITY_NAMES, type AcceptedReading, type Carrier, type MeterRole, type QuantityValues } from '@zeropark/contracts';
import type Database from 'better-sqlite3';
import { openSqlite } from './open-sqlite.js';
import type { ParkReadings, ReadingPoint, ReadingQuery, TimeseriesStore } from './timeseries-store.js';

interface ReadingRow {
  park: string;
  meter: string;
  ts: number;
  building: string | null;
  role: MeterRole;
  carrier: Carrier;
  [quantity: string]: string | number | null;
}

/**
 * The embedded store: one SQLite file in WAL mode, so `npm start` needs no server. One row per
 * (park, meter, ts), a column per quantity; a rewrite merges fields as InfluxDB does.
 */
export class SqliteStore implements TimeseriesStore {
  private readonly db: Database.Database;
  private readonly upsert: Database.Statement;
  private readonly writeMany: (batches: readonly ParkReadings[]) => void;

  constructor(file: string) {
    this.db = openSqlite(file);
    this.db.exec(`CREATE TABLE IF NOT EXISTS reading (
      park TEXT NOT NULL, meter TEXT NOT NULL, ts INTEGER NOT NULL,
      building TEXT, role TEXT NOT NULL, carrier TEXT NOT NULL,
      ${QUANTITY_NAMES.map((name) => `${name} REAL`).join(', ')},
      PRIMARY KEY (park, meter, ts)
    ) WITHOUT ROWID`);
    this.db.exec('CREATE INDEX IF NOT EXISTS reading_by_time ON reading (park, ts)');
    const columns = ['park', 'meter', 'ts', 'building', 'role', 'carrier', ...QUANTITY_NAMES];
    this.upsert = this.db.prepare(
      `INSERT INTO reading (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})
       ON CONFLICT (park, meter, ts) DO UPDATE SET building = excluded.building, role = excluded.role, carrier = excluded.carrier,
       ${QUANTITY_NAMES.map((name) => `${name} = coalesce(excluded.${name}, ${name})`).join(', ')}`,
    );
    this.writeMany = this.db.transaction((batches: readonly ParkReadings[]) => {
      for (const { park, readings } of batches) for (const reading of readings) this.upsert.run(toRow(park, reading));
    });
  }

  async writeReadings(batches: readonly ParkReadings[]): Promise<void> {
    this.writeMany(batches);
  }

  async queryReadings(query: ReadingQuery): Promise<ReadingPoint[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM reading WHERE park = @park AND ts >= @from AND ts < @to ${query.meter === undefined ? '' : 'AND meter = @meter'}
         ORDER BY ts, meter`,
      )
      .all({ park: query.park, from: query.from, to: query.to, ...(query.meter === undefined ? {} : { meter: query.meter }) }) as ReadingRow[];
    return rows.map(fromRow);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

function toRow(park: string, point: AcceptedReading): Record<string, string | number | null> {
  const row: Record<string, string | number | null> = {
    park,
    meter: point.meter,
    ts: point.ts,
    building: point.building,
    role: point.role,
    carrier: point.carrier,
  };
  for (const name of QUANTITY_NAMES) row[name] = point.values[name] ?? null;
  return row;
}

function fromRow(row: ReadingRow): ReadingPoint {
  const values: QuantityValues = {};
  for (const name of QUANTITY_NAMES) {
    const value = row[name];
    if (typeof value === 'number') values[name] = value;
  }
  return { park: row.park, meter: row.meter, ts: row.ts, building: row.building, role: row.role, carrier: row.carrier, values };
}
