// The worker thread of `InfluxWritesInWorker`: an InfluxStore of its own, writing the line
// protocol the ingest's store writer sends, and answering each request with its outcome.
import { InfluxStore, type StoreSettings } from '@zeropark/timeseries';
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerReply, WorkerRequest } from './influx-writes-in-worker.js';

const settings = workerData as Extract<StoreSettings, { kind: 'influxdb' }>;
const port = parentPort;
if (port === null) throw new Error('store-write-worker runs as a worker thread');
const store = await InfluxStore.open({ url: settings.url, database: settings.database, api: settings.api, ...(settings.token === undefined ? {} : { token: settings.token }) });
port.on('message', (request: WorkerRequest) => {
  const reply = (answer: WorkerReply) => port.postMessage(answer);
  store.writeLineProtocol(request.texts).then(
    () => reply({ id: request.id, ok: true }),
    (error: unknown) => reply({ id: request.id, ok: false, reason: (error as Error).message }),
  );
});
port.postMessage({ ready: true });
