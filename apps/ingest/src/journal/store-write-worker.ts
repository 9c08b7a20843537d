// The worker thread of `StoreWritesInWorker`: a store of its own (an InfluxStore, or a
// SqliteStore on the same file), writing what the ingest's store writer sends and answering
// each request with its outcome.
import { InfluxStore, openStore, type StoreSettings, type TimeseriesStore, type WorkerAnswer } from '@zeropark/timeseries';
import { parentPort, workerData } from 'node:worker_threads';
import type { StoreWorkerRequest } from './store-writes-in-worker.js';

const port = parentPort;
if (port === null) throw new Error('store-write-worker runs as a worker thread');
const store: TimeseriesStore = await openStore(workerData as StoreSettings);

function write(request: StoreWorkerRequest): Promise<void> {
  if (request.kind === 'readings') return store.writeReadings(request.batches);
  if (!(store instanceof InfluxStore)) return Promise.reject(new Error('line protocol sent to a store that is not InfluxDB'));
  return store.writeLineProtocol(request.texts);
}

port.on('message', (request: StoreWorkerRequest & { id: number }) => {
  const reply = (answer: WorkerAnswer<undefined>) => port.postMessage(answer);
  write(request).then(
    () => reply({ id: request.id, ok: true, value: undefined }),
    (error: unknown) => reply({ id: request.id, ok: false, reason: (error as Error).message }),
  );
});
port.postMessage({ ready: true });
