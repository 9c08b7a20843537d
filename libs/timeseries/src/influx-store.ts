import { InfluxDB, setLogger, type Transport, type WriteApi } from '@influxdata/influxdb-client';
import { carrierSchema, meterRoleSchema, QUANTITY_NAMES, type AlertRecord, type QuantityValues } from '@zeropark/contracts';
import { byTimeThenLifecycle, parseAlertRecord } from './alert-records.js';
import { GzipLevelTransport, gzipLevelFor } from './gzip-level-transport.js';
import { influxAuthorization } from './influx-authorization.js';
import { InfluxV1WriteTransport } from './influx-v1-transport.js';
import { LineProtocolBodies } from './line-protocol-body.js';
import { LineProtocolWriter, READING_MEASUREMENT } from './line-protocol.js';
import { ALERT_MEASUREMENT, alertLine, CARBON_HISTORY_MEASUREMENT, CARBON_MEASUREMENT, carbonLine } from './series-line-protocol.js';
import type { CarbonPoint, CarbonRestatement, CarbonSum, CarbonSumQuery, ParkReadings, PreparedReadings, ReadingPoint, ReadingQuery, RestatedCarbonPoint, TimeseriesStore } from './timeseries-store.js';

export interface InfluxStoreOptions {
  /** e.g. `http://127.0.0.1:8086` */
  url: string;
  /** The 1.x database (with 2.x/3.x: the bucket, reachable by InfluxQL through a DBRP mapping). */
  database: string;
  retentionPolicy?: string;
  /** `user:password` of a 1.x user, or a 2.x/3.x API token (`influxAuthorization` says how each is sent). */
  token?: string;
  /**
   * `v2`: `/api/v2/write` (InfluxDB 1.8+, 2.x, 3.x). `v1`: `/write` through the compatibility
   * transport (1.x before 1.8). `auto`: asks `/ping` for the server's version.
   */
  api?: 'v2' | 'v1' | 'auto';
  /** Lines per write request; InfluxDB's own advice is about 5 000. */
  batchSize?: number;
  /** gzip level of write bodies, 0 (none) to 9 (`GzipLevelTransport`); `auto`, the default, asks `gzipLevelFor` the URL. */
  gzipLevel?: number | 'auto';
}

/** Write bodies above this size are gzipped. */
const GZIP_THRESHOLD_BYTES = 1000;

/** Readings as the InfluxDB store prepares them: their lines, `\n` between them. */
class LineProtocolReadings implements PreparedReadings {
  constructor(
    readonly park: string,
    readonly count: number,
    readonly lines: string,
  ) {}
}

/** InfluxDB's write form of readings, made without a connection (the ingest prepares here and writes from a worker). */
export function lineProtocolPreparer(): (batch: ParkReadings) => PreparedReadings {
  const writer = new LineProtocolWriter();
  return ({ park, readings }) => new LineProtocolReadings(park, readings.length, readings.map((reading) => writer.line(park, reading)).join('\n'));
}

/** The line protocol of readings this store prepared, to be written here or by another instance (a worker's). */
export function lineProtocolOf(batches: readonly PreparedReadings[]): string[] {
  return batches.map((batch) => {
    if (!(batch instanceof LineProtocolReadings)) throw new Error('these readings were prepared for another store');
    return batch.lines;
  });
}

/**
 * The production store. Writes go through the client library's WriteApi (batching, gzip), one
 * request per batch awaited to its end, so a resolved `writeReadings` was confirmed by the
 * server; failures reject, and retrying is the caller's (the ingest's journal replays). Reads
 * use InfluxQL on `/query`, which 1.x, 2.x (DBRP) and 3.x all answer.
 */
export class InfluxStore implements TimeseriesStore {
  private queue: Promise<void> = Promise.resolve();
  private readonly lines = new LineProtocolWriter();
  private readonly bodies = new LineProtocolBodies();

  private constructor(
    private readonly options: Required<Pick<InfluxStoreOptions, 'url' | 'database' | 'batchSize'>> & InfluxStoreOptions,
    private readonly writeApi: WriteApi,
    private readonly transport: Transport,
    /** The WriteApi's own request path (`/api/v2/write?…`), which the transport maps for 1.x. */
    private readonly writePath: string,
  ) {}

  static async open(options: InfluxStoreOptions): Promise<InfluxStore> {
    // a failed write rejects its promise and the caller logs it; the library's console lines would only repeat it
    setLogger({ error: () => undefined, warn: () => undefined });
    const settings = { batchSize: 5000, ...options };
    const api = settings.api === undefined || settings.api === 'auto' ? await detectApi(settings.url) : settings.api;
    const authorization = influxAuthorization(settings.token);
    // the header on every request of the client's transport, not its `token` option, which would send `Token user:password`
    const base = new InfluxDB({ url: settings.url, ...(authorization === undefined ? {} : { headers: { authorization } }) });
    const compressing = new GzipLevelTransport(base.transport, settings.gzipLevel === undefined || settings.gzipLevel === 'auto' ? gzipLevelFor(settings.url) : settings.gzipLevel);
    const transport = api === 'v1' ? new InfluxV1WriteTransport(compressing) : compressing;
    const influx = new InfluxDB({ url: settings.url, transport });
    const bucket = settings.retentionPolicy === undefined ? settings.database : `${settings.database}/${settings.retentionPolicy}`;
    const writeApi = influx.getWriteApi('', bucket, 'ms', {
      batchSize: settings.batchSize + 1, // never flushes on its own: each batch is sent and awaited below
      flushInterval: 0,
      maxRetries: 0,
      maxBufferLines: settings.batchSize + 1,
      gzipThreshold: GZIP_THRESHOLD_BYTES,
    });
    const store = new InfluxStore(settings, writeApi, transport, `/api/v2/write?org=&bucket=${encodeURIComponent(bucket)}&precision=ms`);
    if (api === 'v1') await store.influxql(`CREATE DATABASE "${settings.database}"`);
    return store;
  }

  writeReadings(batches: readonly ParkReadings[]): Promise<void> {
    return this.writeLines(function* (this: InfluxStore) {
      for (const { park, readings } of batches) for (const reading of readings) yield this.lines.line(park, reading);
    }.call(this));
  }

  /** Line protocol text, made once: the store writer then only joins texts. */
  readonly prepareReadings = lineProtocolPreparer();

  /**
   * One request for all the batches, as one record of many lines. The caller sizes the batches
   * (the ingest's store writer takes about `batchSize` readings at a time) and may have several
   * under way: each is its own request, sent at once, not queued behind the others.
   */
  async writePreparedReadings(batches: readonly PreparedReadings[]): Promise<void> {
    await this.writeLineProtocol(lineProtocolOf(batches));
  }

  /**
   * Texts of line protocol (from `lineProtocolOf`), in one request; resolves once the server
   * confirmed it. The readings' hot path: the request is the WriteApi's own (its path, through
   * the same transport, gzipped by it), but its body is made by `LineProtocolBodies` rather
   * than the WriteApi's buffer of strings, whose handling of one large batch was the largest
   * single cost left in the ingest (docs/benchmarks.md). The WriteApi writes everything else.
   */
  async writeLineProtocol(texts: readonly string[]): Promise<void> {
    if (texts.length === 0) return;
    const body = this.bodies.take(texts);
    try {
      await new Promise<void>((resolve, reject) => {
        let status = 0;
        const headers = { 'content-type': 'text/plain; charset=utf-8' };
        // the transport takes bytes as well as text (see GzipLevelTransport)
        this.transport.send(this.writePath, body.bytes as unknown as string, { method: 'POST', headers, gzipThreshold: GZIP_THRESHOLD_BYTES }, {
          responseStarted: (_headers, statusCode) => (status = statusCode ?? 0),
          error: reject,
          complete: () => (status >= 200 && status < 300 ? resolve() : reject(new Error(`InfluxDB answered a write with ${status}`))),
        });
      });
    } finally {
      body.release();
    }
  }

  writeCarbon(points: readonly CarbonPoint[]): Promise<void> {
    return this.writeLines(points.map((point) => carbonLine(point)));
  }

  async queryCarbon(query: Omit<CarbonSumQuery, 'bucketMs' | 'fields'>): Promise<CarbonPoint[]> {
    const response = await this.influxql(`SELECT * FROM ${CARBON_MEASUREMENT} WHERE ${carbonConditions(query)}`);
    const series = response.results[0]?.series?.[0];
    if (series === undefined) return [];
    const points = series.values.map((row) => {
      const point: CarbonPoint = { park: query.park, building: query.building, ts: 0, fields: {}, factorVersion: '' };
      series.columns.forEach((name, index) => {
        const value = row[index];
        if (name === 'time') point.ts = Number(value);
        else if (name === 'factor_version') point.factorVersion = String(value);
        else if (name === 'correction') {
          if (typeof value === 'string' && value !== '') point.correction = value;
        } else if (typeof value === 'number') point.fields[name] = value;
      });
      return point;
    });
    return points.sort((a, b) => a.ts - b.ts || (a.correction ?? '').localeCompare(b.correction ?? ''));
  }

  /**
   * Not atomic on InfluxDB: the old points are copied to `carbon_history` first, then deleted
   * (InfluxQL DELETE: InfluxDB 1.x), then the new ones written; a failure part way leaves the
   * copy, and running the restatement again completes it.
   */
  async restateCarbon(restatement: CarbonRestatement): Promise<{ archived: number; written: number }> {
    const range = `park = ${literal(restatement.park)} AND time >= ${restatement.from}ms AND time < ${restatement.to}ms`;
    const old = carbonPointsOf(await this.influxql(`SELECT * FROM ${CARBON_MEASUREMENT} WHERE ${range}`), restatement.park);
    await this.writeLines(old.map((point) => carbonLine(point, restatement.restatedAt)));
    await this.influxql(`DELETE FROM ${CARBON_MEASUREMENT} WHERE ${range}`);
    await this.writeLines(restatement.replacement.map((point) => carbonLine(point)));
    return { archived: old.length, written: restatement.replacement.length };
  }

  async queryCarbonHistory(query: { park: string; from: number; to: number }): Promise<RestatedCarbonPoint[]> {
    const response = await this.influxql(`SELECT * FROM ${CARBON_HISTORY_MEASUREMENT} WHERE park = ${literal(query.park)} AND time >= ${query.from}ms AND time < ${query.to}ms`);
    return carbonPointsOf(response, query.park)
      .map((point) => point as RestatedCarbonPoint)
      .sort((a, b) => a.ts - b.ts || a.restatedAt - b.restatedAt || (a.building ?? '').localeCompare(b.building ?? '') || (a.correction ?? '').localeCompare(b.correction ?? ''));
  }

  async sumCarbon(query: CarbonSumQuery): Promise<CarbonSum[]> {
    const sums = query.fields.map((field) => `SUM(${identifier(field)}) AS ${identifier(field)}`).join(', ');
    const response = await this.influxql(`SELECT ${sums} FROM ${CARBON_MEASUREMENT} WHERE ${carbonConditions(query)} GROUP BY time(${query.bucketMs}ms) fill(none)`);
    const series = response.results[0]?.series?.[0];
    if (series === undefined) return [];
    return series.values.map((row) => {
      const result: CarbonSum = { ts: Number(row[0]), sums: {} };
      series.columns.forEach((name, index) => {
        const value = row[index];
        if (name !== 'time' && typeof value === 'number') result.sums[name] = value;
      });
      return result;
    });
  }

  /** Lines in requests of `batchSize`, one after the other; resolves once the server confirmed all. */
  private writeLines(lines: Iterable<string>): Promise<void> {
    const write = this.queue.then(async () => {
      let batch: string[] = [];
      for (const line of lines) {
        batch.push(line);
        if (batch.length === this.options.batchSize) {
          this.writeApi.writeRecords(batch);
          await this.writeApi.flush();
          batch = [];
        }
      }
      if (batch.length > 0) {
        this.writeApi.writeRecords(batch);
        await this.writeApi.flush();
      }
    });
    this.queue = write.catch(() => undefined);
    return write;
  }

  async queryReadings(query: ReadingQuery): Promise<ReadingPoint[]> {
    const conditions = [`park = ${literal(query.park)}`, `time >= ${query.from}ms`, `time < ${query.to}ms`];
    if (query.meter !== undefined) conditions.push(`meter = ${literal(query.meter)}`);
    const response = await this.influxql(`SELECT * FROM ${READING_MEASUREMENT} WHERE ${conditions.join(' AND ')}`);
    return readingPointsOf(response.results[0]?.series ?? []).sort((a, b) => a.ts - b.ts || a.meter.localeCompare(b.meter));
  }

  async latestReadings(query: Omit<ReadingQuery, 'meter'>): Promise<ReadingPoint[]> {
    // one series per meter (its other tags never change): the newest point of each
    const response = await this.influxql(
      `SELECT * FROM ${READING_MEASUREMENT} WHERE park = ${literal(query.park)} AND time >= ${query.from}ms AND time < ${query.to}ms GROUP BY * ORDER BY time DESC LIMIT 1`,
    );
    const newest = new Map<string, ReadingPoint>();
    for (const point of readingPointsOf(response.results[0]?.series ?? [])) {
      const seen = newest.get(point.meter);
      if (seen === undefined || point.ts > seen.ts) newest.set(point.meter, point);
    }
    return [...newest.values()].sort((a, b) => a.meter.localeCompare(b.meter));
  }

  writeAlerts(records: readonly AlertRecord[]): Promise<void> {
    return this.writeLines(records.map((record) => alertLine(record)));
  }

  async queryAlerts(query: { park: string; from: number; to?: number }): Promise<AlertRecord[]> {
    const to = query.to === undefined ? '' : ` AND time < ${query.to}ms`;
    const response = await this.influxql(`SELECT record FROM ${ALERT_MEASUREMENT} WHERE park = ${literal(query.park)} AND time >= ${query.from}ms${to}`);
    return alertRecordsOf(response).sort(byTimeThenLifecycle);
  }

  async latestAlerts(park: string): Promise<AlertRecord[]> {
    // one group per alert (its states are separate series): the newest record of each
    const response = await this.influxql(`SELECT last(record) AS record FROM ${ALERT_MEASUREMENT} WHERE park = ${literal(park)} GROUP BY alert_id`);
    return alertRecordsOf(response).sort(byTimeThenLifecycle);
  }

  async close(): Promise<void> {
    await this.queue;
    await this.writeApi.close();
  }

  private async influxql(statement: string): Promise<InfluxqlResponse> {
    const body = new URLSearchParams({ q: statement, db: this.options.database, epoch: 'ms' });
    const authorization = influxAuthorization(this.options.token);
    const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
    const response = await fetch(`${this.options.url}/query`, { method: 'POST', body, headers });
    const answer = (await response.json()) as InfluxqlResponse;
    const error = answer.error ?? answer.results.find((result) => result.error !== undefined)?.error;
    if (!response.ok || error !== undefined) throw new Error(`InfluxQL failed (${response.status}): ${error ?? response.statusText}`);
    return answer;
  }
}

interface InfluxqlSeries {
  columns: string[];
  values: unknown[][];
  /** Present when the query grouped by tags. */
  tags?: Record<string, string>;
}

interface InfluxqlResponse {
  results: { series?: InfluxqlSeries[]; error?: string }[];
  error?: string;
}

/** Reading points of InfluxQL series, tags taken from the columns or, when grouped, from the series' tags. */
function readingPointsOf(series: readonly InfluxqlSeries[]): ReadingPoint[] {
  return series.flatMap((one) => {
    const column = new Map(one.columns.map((name, index) => [name, index]));
    const cell = (row: unknown[], name: string): unknown => one.tags?.[name] ?? row[column.get(name) ?? -1];
    return one.values.map((row): ReadingPoint => {
      const values: QuantityValues = {};
      for (const name of QUANTITY_NAMES) {
        const value = row[column.get(name) ?? -1];
        if (typeof value === 'number') values[name] = value;
      }
      const building = cell(row, 'building');
      return {
        park: String(cell(row, 'park')),
        meter: String(cell(row, 'meter')),
        ts: Number(row[column.get('time') ?? -1]),
        building: typeof building === 'string' && building !== '' ? building : null,
        role: meterRoleSchema.parse(cell(row, 'role')),
        carrier: carrierSchema.parse(cell(row, 'carrier')),
        values,
      };
    });
  });
}

/** Carbon points of an InfluxQL answer whose tags came back as columns (SELECT * without GROUP BY). */
function carbonPointsOf(response: InfluxqlResponse, park: string): (CarbonPoint & { restatedAt?: number })[] {
  const series = response.results[0]?.series?.[0];
  if (series === undefined) return [];
  return series.values.map((row) => {
    const point: CarbonPoint & { restatedAt?: number } = { park, building: null, ts: 0, fields: {}, factorVersion: '' };
    series.columns.forEach((name, index) => {
      const value = row[index];
      if (name === 'time') point.ts = Number(value);
      else if (name === 'factor_version') point.factorVersion = String(value);
      else if (name === 'building') point.building = typeof value === 'string' && value !== '' ? value : null;
      else if (name === 'correction') {
        if (typeof value === 'string' && value !== '') point.correction = value;
      } else if (name === 'restated_at') point.restatedAt = Number(value);
      else if (name !== 'park' && typeof value === 'number') point.fields[name] = value;
    });
    return point;
  });
}

function alertRecordsOf(response: InfluxqlResponse): AlertRecord[] {
  return (response.results[0]?.series ?? []).flatMap((series) => {
    const column = series.columns.indexOf('record');
    return series.values.map((row) => parseAlertRecord(String(row[column])));
  });
}

function carbonConditions(query: Omit<CarbonSumQuery, 'bucketMs' | 'fields'>): string {
  // a point without a building tag is the park's own; InfluxQL matches a missing tag with ''
  return `park = ${literal(query.park)} AND building = ${literal(query.building ?? '')} AND time >= ${query.from}ms AND time < ${query.to}ms`;
}

/** InfluxQL identifier. */
function identifier(name: string): string {
  return `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** InfluxQL string literal. */
function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** `v1` for servers before 1.8 (no /api/v2/write), else `v2`. */
export async function detectApi(url: string): Promise<'v1' | 'v2'> {
  const response = await fetch(`${url}/ping`);
  const version = response.headers.get('x-influxdb-version') ?? '';
  const match = /^v?(\d+)\.(\d+)/.exec(version);
  if (match === null) return 'v2';
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major === 1 && minor < 8 ? 'v1' : 'v2';
}
