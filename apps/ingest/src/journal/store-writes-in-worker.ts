import { lineProtocolOf, preparedReadingsOf, WorkerRequests, type ParkReadings, type PreparedReadings, type StoreSettings, type TimeseriesStore } from '@zeropark/timeseries';

/** A store write handed to the worker: InfluxDB's line protocol, or SQLite's readings. */
export type StoreWorkerRequest = { kind: 'lines'; texts: string[] } | { kind: 'readings'; batches: ParkReadings[] };

/**
 * The ingest's store writes, made by a worker thread with a store of its own (InfluxDB or the
 * SQLite file): the readings are prepared on the main thread as they are journaled, and each
 * write is handed to the worker, so neither InfluxDB's request and answer nor SQLite's inserts,
 * commits and checkpoints wait behind, or hold up, the gateways' packets on the main event loop.
 * A write resolves once the store confirmed it, and rejects when it did not or the worker died
 * (the store writer then retries; a new worker is started for the next write).
 */
export class StoreWritesInWorker implements Pick<TimeseriesStore, 'writePreparedReadings'> {
  private readonly worker: WorkerRequests<StoreWorkerRequest, undefined>;

  constructor(
    private readonly settings: StoreSettings,
    workerFile: URL = builtWorker(),
  ) {
    this.worker = new WorkerRequests(workerFile, settings, 'store write worker');
  }

  async writePreparedReadings(batches: readonly PreparedReadings[]): Promise<void> {
    if (batches.length === 0) return;
    await this.worker.request(this.settings.kind === 'influxdb' ? { kind: 'lines', texts: lineProtocolOf(batches) } : { kind: 'readings', batches: preparedReadingsOf(batches) });
  }

  /** Starts the worker and opens its store now, rather than at the first write: a store out of reach shows at start. */
  async open(): Promise<void> {
    await this.worker.start();
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/**
 * The worker's script: the built `store-write-worker.js` beside this file, or, when this file
 * runs from its TypeScript source (the specs), the built one in `dist/` (nx builds the ingest
 * before its tests).
 */
function builtWorker(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? '../../dist/journal/store-write-worker.js' : './store-write-worker.js', import.meta.url);
}
