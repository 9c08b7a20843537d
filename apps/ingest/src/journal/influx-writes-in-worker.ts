import { lineProtocolOf, type PreparedReadings, type StoreSettings, type TimeseriesStore } from '@zeropark/timeseries';
import { Worker } from 'node:worker_threads';

export interface WorkerRequest {
  id: number;
  texts: string[];
}

export type WorkerReply = { id: number; ok: true } | { id: number; ok: false; reason: string };

/**
 * The ingest's writes to InfluxDB, made by a worker thread: the readings are prepared (line
 * protocol) on the main thread as they are journaled, and each store write is handed to the
 * worker, whose request to InfluxDB and its answer never wait behind the gateways' packets on the
 * main event loop. A write resolves once InfluxDB confirmed it, and rejects when it did not or
 * the worker died (the store writer then retries; a new worker is started for the next write).
 */
export class InfluxWritesInWorker implements Pick<TimeseriesStore, 'writePreparedReadings'> {
  private worker: Promise<Worker> | undefined;
  private readonly pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private nextId = 0;

  constructor(
    private readonly settings: Extract<StoreSettings, { kind: 'influxdb' }>,
    /** The worker's script: the built `store-write-worker.js` beside this file (a spec, running the sources, names the built one). */
    private readonly workerFile: URL = new URL('./store-write-worker.js', import.meta.url),
  ) {}

  async writePreparedReadings(batches: readonly PreparedReadings[]): Promise<void> {
    const texts = lineProtocolOf(batches);
    if (texts.length === 0) return;
    const worker = await this.started();
    const id = (this.nextId += 1);
    await new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, texts } satisfies WorkerRequest);
    });
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

