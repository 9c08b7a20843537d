// The worker thread of `StoreInWorker`: the store itself (opened from the settings it is given),
// making each call as it comes, as the store would on the caller's thread, and answering each
// with its outcome.
import { parentPort, workerData } from 'node:worker_threads';
import { InfluxStore } from './influx-store.js';
import { openStore, type StoreSettings } from './open-store.js';
import { SqliteStore, parkReadingsOf } from './sqlite-store.js';
import type { StoreCall } from './store-in-worker.js';
import type { TimeseriesStore } from './timeseries-store.js';
import type { WorkerAnswer } from './worker-requests.js';

const port = parentPort;
if (port === null) throw new Error('store-worker runs as a worker thread');
const store = await openStore(workerData as StoreSettings);
const underWay = new Set<Promise<unknown>>();

async function make(call: StoreCall): Promise<unknown> {
  if (call.method === 'writeLineProtocol') {
    if (!(store instanceof InfluxStore)) throw new Error('line protocol sent to a store that is not InfluxDB');
    return store.writeLineProtocol(...call.args);
  }
  if (call.method === 'writeReadingsTexts') {
    if (!(store instanceof SqliteStore)) throw new Error('readings as JSON text sent to a store that is not SQLite');
    return store.writeReadings(parkReadingsOf(...call.args));
  }
  // the last call: after those under way
  if (call.method === 'close') await Promise.allSettled(underWay);
  const method = store[call.method] as (this: TimeseriesStore, ...args: unknown[]) => Promise<unknown>;
  return method.apply(store, call.args);
}

port.on('message', (call: StoreCall & { id: number }) => {
  const made = make(call);
  underWay.add(made);
  made.then(
    (value) => port.postMessage({ id: call.id, ok: true, value } satisfies WorkerAnswer<unknown>),
    (error: unknown) => port.postMessage({ id: call.id, ok: false, reason: (error as Error).message } satisfies WorkerAnswer<unknown>),
  ).finally(() => underWay.delete(made));
});
port.postMessage({ ready: true });
