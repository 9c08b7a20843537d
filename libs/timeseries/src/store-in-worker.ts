import { openStore, type StoreSettings } from './open-store.js';
import { prepareReadingObjects, preparedReadingsOf } from './sqlite-store.js';
import type { TimeseriesStore } from './timeseries-store.js';
import { WorkerRequests } from './worker-requests.js';

type CalledMethod = Exclude<keyof TimeseriesStore, 'prepareReadings'>;

/** One call of the store, as the worker makes it: the method's name and its arguments. */
export type StoreCall = { [M in CalledMethod]: { method: M; args: Parameters<TimeseriesStore[M]> } }[CalledMethod];

type SqliteSettings = Extract<StoreSettings, { kind: 'sqlite' }>;

/**
 * The SQLite store, its every call made by a worker thread holding it. SQLite reads, sums and
 * commits synchronously: on the event loop that pushes snapshots, a long history summed for one
 * dashboard, or a commit waiting for a busy disk, would hold up every other dashboard (120 days
 * of a park's `carbon` series: 685 ms; docs/benchmarks.md, "history"). In the worker they hold
 * up only the calls behind them. Calls are made one at a time, in the order they are sent; what
 * they give back is copied (structured clone), and an error comes back as its message. When the
 * worker dies, what it was asked fails, and the next call starts a new one.
 */
export class StoreInWorker implements TimeseriesStore {
  private readonly worker: WorkerRequests<StoreCall, unknown>;

  private constructor(settings: SqliteSettings, workerFile: URL) {
    this.worker = new WorkerRequests(workerFile, settings, 'store worker');
  }

  /** Starts the worker and opens the store in it: a store that cannot be opened fails here, at start. */
  static async open(settings: SqliteSettings, workerFile: URL = builtWorker()): Promise<StoreInWorker> {
    const store = new StoreInWorker(settings, workerFile);
    await store.worker.start();
    return store;
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

  readonly prepareReadings = prepareReadingObjects;

  /** SQLite's prepared readings are the readings themselves: they go to the worker as such. */
  async writePreparedReadings(batches: Parameters<TimeseriesStore['writePreparedReadings']>[0]): Promise<void> {
    await this.writeReadings(preparedReadingsOf(batches));
  }

  /** Closes the store in the worker, after every call sent before, and ends the worker. */
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
