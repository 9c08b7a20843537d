import { lineProtocolOf } from './influx-store.js';
import { openStore, readingPreparer, type StoreSettings } from './open-store.js';
import { readingsTextsOf, type ParkReadingsText } from './sqlite-store.js';
import type { PreparedReadings, TimeseriesStore } from './timeseries-store.js';
import { WorkerRequests } from './worker-requests.js';

type CalledMethod = Exclude<keyof TimeseriesStore, 'prepareReadings' | 'writePreparedReadings'>;

/**
 * One call of the store, as the worker makes it: the method's name and its arguments. Prepared
 * readings cross as what they are made of (line protocol for InfluxDB, JSON text for SQLite):
 * the objects themselves would lose their class on the way.
 */
export type StoreCall =
  | { [M in CalledMethod]: { method: M; args: Parameters<TimeseriesStore[M]> } }[CalledMethod]
  | { method: 'writeLineProtocol'; args: [texts: string[]] }
  | { method: 'writeReadingsTexts'; args: [texts: ParkReadingsText[]] };

/**
 * A store whose every call is made by a worker thread holding it, as a store on the caller's
 * thread would make it: SQLite's reads at once and its writes one after the other, InfluxDB's
 * writes several at a time. What the calls cost then never holds up the caller's event loop:
 * - the ingest's writes (InfluxDB's request and answer, SQLite's inserts, commits and
 *   checkpoints), which would otherwise wait behind, or hold up, the gateways' packets;
 * - the carbon service's SQLite reads and commits, synchronous: a long history summed for one
 *   dashboard, or a commit waiting for a busy disk, would hold up the pushes to every other
 *   (120 days of a park's `carbon` series: 685 ms; docs/benchmarks.md, "history").
 * What the calls give back is copied (structured clone), and an error comes back as its
 * message. When the worker dies, what it was asked fails, and the next call starts a new one.
 */
export class StoreInWorker implements TimeseriesStore {
  /** The store's own write form, made on the caller's thread (`readingPreparer`). */
  readonly prepareReadings: TimeseriesStore['prepareReadings'];
  private readonly worker: WorkerRequests<StoreCall, unknown>;

  /** The worker starts at `open`, or at the first call. */
  constructor(
    private readonly settings: StoreSettings,
    workerFile: URL = builtWorker(),
  ) {
    this.worker = new WorkerRequests(workerFile, settings, 'store worker');
    this.prepareReadings = readingPreparer(settings);
  }

  /** A store in a worker, opened: a store that cannot be opened fails here, at start. */
  static async open(settings: StoreSettings, workerFile?: URL): Promise<StoreInWorker> {
    const store = new StoreInWorker(settings, workerFile);
    await store.open();
    return store;
  }

  /** Starts the worker and opens the store in it now, rather than at the first call. */
  async open(): Promise<void> {
    await this.worker.start();
  }

  readonly writeReadings = this.caller('writeReadings');
  readonly queryReadings = this.caller('queryReadings');
  readonly latestReadings = this.caller('latestReadings');
  readonly writeCarbon = this.caller('writeCarbon');
  readonly queryCarbon = this.caller('queryCarbon');
  readonly sumCarbon = this.caller('sumCarbon');
  readonly restateCarbon = this.caller('restateCarbon');
  readonly queryCarbonHistory = this.caller('queryCarbonHistory');
  readonly writeAlerts = this.caller('writeAlerts');
  readonly queryAlerts = this.caller('queryAlerts');
  readonly latestAlerts = this.caller('latestAlerts');

  /** Readings `prepareReadings` made, sent to the worker as line protocol (InfluxDB) or as JSON text (SQLite). */
  async writePreparedReadings(batches: readonly PreparedReadings[]): Promise<void> {
    if (batches.length === 0) return;
    await this.worker.request(this.settings.kind === 'influxdb' ? { method: 'writeLineProtocol', args: [lineProtocolOf(batches)] } : { method: 'writeReadingsTexts', args: [readingsTextsOf(batches)] });
  }

  /** Closes the store in the worker once the calls under way are done, and ends the worker. */
  async close(): Promise<void> {
    if (!this.worker.running) return;
    await this.worker.request({ method: 'close', args: [] }).catch(() => undefined);
    await this.worker.terminate();
  }

  /** The store's method `method`, made by the worker. */
  private caller<M extends Exclude<CalledMethod, 'close'>>(method: M): TimeseriesStore[M] {
    return ((...args: Parameters<TimeseriesStore[M]>) => this.worker.request({ method, args } as StoreCall)) as TimeseriesStore[M];
  }
}

/**
 * The store a service reads and writes from its event loop: SQLite in a worker thread (its calls
 * are synchronous), InfluxDB as it is (its calls are HTTP requests, asynchronous already).
 */
export async function openStoreOffTheLoop(settings: StoreSettings): Promise<TimeseriesStore> {
  return settings.kind === 'sqlite' ? StoreInWorker.open(settings) : openStore(settings);
}

/**
 * The worker's script: the built `store-worker.js` beside this file, or, when this file runs from
 * its TypeScript source (the specs), the built one in `dist/` (nx builds the lib before its tests).
 */
function builtWorker(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? '../dist/store-worker.js' : './store-worker.js', import.meta.url);
}
