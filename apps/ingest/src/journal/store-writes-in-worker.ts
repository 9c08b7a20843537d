import { lineProtocolOf, preparedReadingsOf, type ParkReadings, type PreparedReadings, type StoreSettings, type TimeseriesStore } from '@zeropark/timeseries';
import { Worker } from 'node:worker_threads';

/** A store write handed to the worker: InfluxDB's line protocol, or SQLite's readings. */
export type WorkerRequest = { id: number } & ({ kind: 'lines'; texts: string[] } | { kind: 'readings'; batches: ParkReadings[] });

export type WorkerReply = { id: number; ok: true } | { id: number; ok: false; reason: string };

/**
 * The ingest's store writes, made by a worker thread with a store of its own (InfluxDB or the
 * SQLite file): the readings are prepared on the main thread as they are journaled, and each
 * write is handed to the worker, so neither InfluxDB's request and answer nor SQLite's inserts,
 * commits and checkpoints wait behind, or hold up, the gateways' packets on the main event loop.
 * A write resolves once the store confirmed it, and rejects when it did not or the worker died
 * (the store writer then retries; a new worker is started for the next write).
 */
export class StoreWritesInWorker implements Pick<TimeseriesStore, 'writePreparedReadings'> {
  private worker: Promise<Worker> | undefined;
  private readonly pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private nextId = 0;

  constructor(
    private readonly settings: StoreSettings,
    private readonly workerFile: URL = builtWorker(),
  ) {}

  async writePreparedReadings(batches: readonly PreparedReadings[]): Promise<void> {
    if (batches.length === 0) return;
    const id = (this.nextId += 1);
    const request: WorkerRequest = this.settings.kind === 'influxdb' ? { id, kind: 'lines', texts: lineProtocolOf(batches) } : { id, kind: 'readings', batches: preparedReadingsOf(batches) };
    const worker = await this.started();
    await new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage(request);
    });
  }

  /** Starts the worker and opens its store now, rather than at the first write: a store out of reach shows at start. */
  async open(): Promise<void> {
    await this.started();
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker !== undefined) await (await worker.catch(() => undefined))?.terminate();
  }

  private started(): Promise<Worker> {
    this.worker ??= new Promise<Worker>((resolve, reject) => {
      const worker = new Worker(this.workerFile, { workerData: this.settings });
      worker.on('message', (message: WorkerReply | { ready: true }) => {
        if ('ready' in message) {
          resolve(worker);
          return;
        }
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.ok) waiting?.resolve();
        else waiting?.reject(new Error(message.reason));
      });
      const fail = (error: Error) => {
        this.worker = undefined;
        reject(error);
        for (const waiting of this.pending.values()) waiting.reject(error);
        this.pending.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`the store write worker exited (${code})`)));
    });
    return this.worker;
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
