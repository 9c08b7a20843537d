// The worker thread of `StoreInWorker`: the store itself (opened from the settings it is given),
// making each call it is sent, one at a time, in order, and answering each with its outcome.
import { parentPort, workerData } from 'node:worker_threads';
import { openStore, type StoreSettings } from './open-store.js';
import type { StoreCall } from './store-in-worker.js';
import type { TimeseriesStore } from './timeseries-store.js';
import type { WorkerAnswer } from './worker-requests.js';

const port = parentPort;
if (port === null) throw new Error('store-worker runs as a worker thread');
const store = await openStore(workerData as StoreSettings);
let queue: Promise<void> = Promise.resolve();

function make(call: StoreCall): Promise<unknown> {
  const method = store[call.method] as (this: TimeseriesStore, ...args: unknown[]) => Promise<unknown>;
  return method.apply(store, call.args);
}

port.on('message', (call: StoreCall & { id: number }) => {
  // one call after the other, as on the caller's side: a write is never overtaken by a read
  queue = queue.then(() =>
    make(call).then(
      (value) => port.postMessage({ id: call.id, ok: true, value } satisfies WorkerAnswer<unknown>),
      (error: unknown) => port.postMessage({ id: call.id, ok: false, reason: (error as Error).message } satisfies WorkerAnswer<unknown>),
    ),
  );
});
port.postMessage({ ready: true });
