import type { AcceptedReading, AlertRecord } from '@zeropark/contracts';
import { alertRecordColumns, alertRecordKey, byTimeThenLifecycle, parseAlertRecord } from './alert-records.js';
import type Database from 'better-sqlite3';
import { dirname, join } from 'node:path';
import { openSqlite } from './open-sqlite.js';
import { SqliteReadings } from './sqlite-readings.js';
import type { CarbonPoint, CarbonRestatement, CarbonSum, CarbonSumQuery, ParkReadings, PreparedReadings, ReadingPoint, ReadingQuery, RestatedCarbonPoint, TimeseriesStore } from './timeseries-store.js';

/**
 * SQLite's write form of readings: their JSON text, the one the ingest already made for its
 * journal and the bus when the batch brings it (`readingsJson`). Readings go to a store in a
 * worker thread, and a flat string crosses to it for a copy, where the same readings as objects
 * were cloned one by one on the ingest's event loop, at several times the cost; while they wait
 * in the journal, a string is one object for the garbage collector instead of three a reading.
 */
export function prepareReadingsText(batch: ParkReadings): PreparedReadings {
  return new ReadingsText(batch.park, batch.readings.length, batch.readingsJson ?? JSON.stringify(batch.readings));
}

/** A park's readings as JSON text, as they cross to the store's worker. */
export interface ParkReadingsText {
  park: string;
  json: string;
}

/** The texts of batches this store prepared, to be written here or by another instance (a worker's). */
export function readingsTextsOf(batches: readonly PreparedReadings[]): ParkReadingsText[] {
  return batches.map((batch) => {
    if (!(batch instanceof ReadingsText)) throw new Error('these readings were prepared for another store');
    return { park: batch.park, json: batch.json };
  });
}

/** The readings of texts `readingsTextsOf` gave: JSON that `prepareReadingsText` took from the ingest or made itself. */
export function parkReadingsOf(texts: readonly ParkReadingsText[]): ParkReadings[] {
  return texts.map(({ park, json }) => ({ park, readings: JSON.parse(json) as AcceptedReading[] }));
}

class ReadingsText implements PreparedReadings, ParkReadingsText {
  constructor(
    readonly park: string,
    readonly count: number,
    readonly json: string,
  ) {}
}

/**
 * The embedded store: SQLite files in WAL mode, so `npm start` needs no server. Readings in
 * `zeropark.db` (see `SqliteReadings`). The `carbon` series in `carbon-series.db` beside it,
 * attached: SQLite locks a file for writing, so the carbon service writing its minutes never
 * waits for the ingest's readings (a wait would stall its event loop and its pushes). Writes run
 * one after the other, since a readings write keeps its transaction open across turns of the
 * event loop and SQLite has one transaction per connection.
 */
export class SqliteStore implements TimeseriesStore {
  private readonly db: Database.Database;
  private readonly readings: SqliteReadings;
  private writing: Promise<void> = Promise.resolve();
  private readonly writeCarbonMany: (points: readonly CarbonPoint[]) => void;
  private readonly restate: (restatement: CarbonRestatement) => { archived: number; written: number };
  private readonly writeAlertMany: (records: readonly AlertRecord[]) => void;

  constructor(file: string) {
    this.db = openSqlite(file);
    const seriesFile = file === ':memory:' ? ':memory:' : join(dirname(file), 'carbon-series.db');
    this.db.prepare('ATTACH DATABASE ? AS series').run(seriesFile);
    this.db.pragma('series.journal_mode = WAL');
    this.db.pragma('series.synchronous = FULL');
    this.readings = new SqliteReadings(this.db);
    // the carbon series: fields as JSON (their names belong to the accounting); '' is the park itself
    this.db.exec(`CREATE TABLE IF NOT EXISTS series.carbon (
      park TEXT NOT NULL, building TEXT NOT NULL, ts INTEGER NOT NULL, correction TEXT NOT NULL, factor_version TEXT NOT NULL, fields TEXT NOT NULL,
      PRIMARY KEY (park, building, ts, correction)
    ) WITHOUT ROWID`);
    const upsertCarbon = this.db.prepare(
      `INSERT INTO series.carbon (park, building, ts, correction, factor_version, fields) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (park, building, ts, correction) DO UPDATE SET factor_version = excluded.factor_version, fields = json_patch(fields, excluded.fields)`,
    );
    this.writeCarbonMany = this.db.transaction((points: readonly CarbonPoint[]) => {
      for (const point of points) upsertCarbon.run(point.park, point.building ?? '', point.ts, point.correction ?? '', point.factorVersion, JSON.stringify(point.fields));
    });
    this.db.exec(`CREATE TABLE IF NOT EXISTS series.carbon_history (
      park TEXT NOT NULL, building TEXT NOT NULL, ts INTEGER NOT NULL, correction TEXT NOT NULL, factor_version TEXT NOT NULL, fields TEXT NOT NULL,
      restated_at INTEGER NOT NULL, PRIMARY KEY (park, building, ts, correction, restated_at)
    ) WITHOUT ROWID`);
    const archive = this.db.prepare(
      `INSERT OR REPLACE INTO series.carbon_history (park, building, ts, correction, factor_version, fields, restated_at)
       SELECT park, building, ts, correction, factor_version, fields, @restatedAt FROM series.carbon WHERE park = @park AND ts >= @from AND ts < @to`,
    );
    const remove = this.db.prepare('DELETE FROM series.carbon WHERE park = @park AND ts >= @from AND ts < @to');
    // one transaction: the range is either restated whole or not at all
    this.restate = this.db.transaction((restatement: CarbonRestatement) => {
      const range = { park: restatement.park, from: restatement.from, to: restatement.to };
      const archived = archive.run({ ...range, restatedAt: restatement.restatedAt }).changes;
      remove.run(range);
      this.writeCarbonMany(restatement.replacement);
      return { archived, written: restatement.replacement.length };
    });
    // the alert series, beside the carbon series: one row per transition or mute, the record as JSON
    this.db.exec(`CREATE TABLE IF NOT EXISTS series.alert (
      park TEXT NOT NULL, alert_id TEXT NOT NULL, state TEXT NOT NULL, at INTEGER NOT NULL,
      rule TEXT NOT NULL, severity TEXT NOT NULL, subject TEXT NOT NULL, by TEXT NOT NULL, message TEXT NOT NULL, record TEXT NOT NULL,
      PRIMARY KEY (park, alert_id, state, at)
    ) WITHOUT ROWID`);
    this.db.exec('CREATE INDEX IF NOT EXISTS series.alert_by_time ON alert (park, at)');
    const insertAlert = this.db.prepare(
      `INSERT OR IGNORE INTO series.alert (park, alert_id, state, at, rule, severity, subject, by, message, record)
       VALUES (@park, @alertId, @state, @at, @rule, @severity, @subject, @by, @message, @record)`,
    );
    this.writeAlertMany = this.db.transaction((records: readonly AlertRecord[]) => {
      for (const record of records) insertAlert.run({ ...alertRecordKey(record), ...alertRecordColumns(record), record: JSON.stringify(record) });
    });
  }

  writeReadings(batches: readonly ParkReadings[]): Promise<void> {
    return this.serialized(() => this.readings.write(batches));
  }

  prepareReadings(batch: ParkReadings): PreparedReadings {
    return prepareReadingsText(batch);
  }

  async writePreparedReadings(batches: readonly PreparedReadings[]): Promise<void> {
    await this.writeReadings(parkReadingsOf(readingsTextsOf(batches)));
  }

  async queryReadings(query: ReadingQuery): Promise<ReadingPoint[]> {
    return this.readings.query(query);
  }

  async latestReadings(query: Omit<ReadingQuery, 'meter'>): Promise<ReadingPoint[]> {
    return this.readings.latest(query);
  }

  writeCarbon(points: readonly CarbonPoint[]): Promise<void> {
    return this.serialized(() => this.writeCarbonMany(points));
  }

  async queryCarbon(query: Omit<CarbonSumQuery, 'bucketMs' | 'fields'>): Promise<CarbonPoint[]> {
    const rows = this.db
      .prepare('SELECT park, building, ts, correction, factor_version, fields FROM series.carbon WHERE park = ? AND building = ? AND ts >= ? AND ts < ? ORDER BY ts, correction')
      .all(query.park, query.building ?? '', query.from, query.to) as CarbonRow[];
    return rows.map(carbonPointOf);
  }

  restateCarbon(restatement: CarbonRestatement): Promise<{ archived: number; written: number }> {
    return this.serialized(() => this.restate(restatement));
  }

  async queryCarbonHistory(query: { park: string; from: number; to: number }): Promise<RestatedCarbonPoint[]> {
    const rows = this.db
      .prepare('SELECT * FROM series.carbon_history WHERE park = ? AND ts >= ? AND ts < ? ORDER BY ts, restated_at, building, correction')
      .all(query.park, query.from, query.to) as (CarbonRow & { restated_at: number })[];
    return rows.map((row) => ({ ...carbonPointOf(row), restatedAt: row.restated_at }));
  }

  async sumCarbon(query: CarbonSumQuery): Promise<CarbonSum[]> {
    const sums = query.fields.map((field, index) => `SUM(json_extract(fields, '$.' || @f${index})) AS s${index}`).join(', ');
    const named = Object.fromEntries(query.fields.map((field, index) => [`f${index}`, JSON.stringify(field)]));
    const rows = this.db
      .prepare(
        `SELECT ts - (ts % CAST(@bucket AS INTEGER)) AS bucket, ${sums} FROM series.carbon
         WHERE park = @park AND building = @building AND ts >= @from AND ts < @to GROUP BY bucket ORDER BY bucket`,
      )
      .all({ ...named, bucket: query.bucketMs, park: query.park, building: query.building ?? '', from: query.from, to: query.to }) as Record<string, number | null>[];
    return rows.map((row) => {
      const result: CarbonSum = { ts: Number(row.bucket), sums: {} };
      query.fields.forEach((field, index) => {
        const value = row[`s${index}`];
        if (typeof value === 'number') result.sums[field] = value;
      });
      return result;
    });
  }

  writeAlerts(records: readonly AlertRecord[]): Promise<void> {
    return this.serialized(() => this.writeAlertMany(records));
  }

  async queryAlerts(query: { park: string; from: number; to?: number }): Promise<AlertRecord[]> {
    const rows = this.db
      .prepare('SELECT record FROM series.alert WHERE park = @park AND at >= @from AND at < @to')
      .all({ park: query.park, from: query.from, to: query.to ?? Number.MAX_SAFE_INTEGER }) as { record: string }[];
    return rows.map((row) => parseAlertRecord(row.record)).sort(byTimeThenLifecycle);
  }

  async latestAlerts(park: string): Promise<AlertRecord[]> {
    // SQLite gives the other columns of the row that holds the MAX
    const rows = this.db.prepare('SELECT record, MAX(at) AS newest FROM series.alert WHERE park = ? GROUP BY alert_id').all(park) as { record: string }[];
    return rows.map((row) => parseAlertRecord(row.record)).sort(byTimeThenLifecycle);
  }

  async close(): Promise<void> {
    await this.writing;
    this.db.close();
  }

  /** Runs a write after the writes before it. */
  private serialized<T>(write: () => T | Promise<T>): Promise<T> {
    const result = this.writing.then(write);
    this.writing = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

interface CarbonRow {
  park: string;
  building: string;
  ts: number;
  correction: string;
  factor_version: string;
  fields: string;
}

/** A row of the carbon tables as a point: '' is the park itself, or no correction. */
function carbonPointOf(row: CarbonRow): CarbonPoint {
  return {
    park: row.park,
    building: row.building === '' ? null : row.building,
    ts: row.ts,
    factorVersion: row.factor_version,
    fields: JSON.parse(row.fields) as Record<string, number>,
    ...(row.correction === '' ? {} : { correction: row.correction }),
  };
}


