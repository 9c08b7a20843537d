import { Worker } from 'node:worker_threads';

/** What a worker sends back for the request numbered `id`: its value, or why it failed. */
export type WorkerAnswer<Value> = { id: number; ok: true; value: Value } | { id: number; ok: false; reason: string };

/**
 * Requests to a worker thread, each answered by its number. The worker script takes
 * `workerData`, posts `{ ready: true }` once it can take requests, and answers each one with a
 * `WorkerAnswer`. The first request starts the worker; when the worker dies, what it was asked
 * fails and the next request starts a new one.
 */
export class WorkerRequests<Request extends object, Value> {
  private worker: Promise<Worker> | undefined;
  private readonly pending = new Map<number, { resolve: (value: Value) => void; reject: (error: Error) => void }>();
  private nextId = 0;

  /** @param name says which worker died, in the error of what it was asked */
  constructor(
    private readonly workerFile: URL,
    private readonly workerData: unknown,
    private readonly name: string,
  ) {}

  /** Sends the request (numbered) once the worker is ready; resolves with the worker's answer. */
  async request(request: Request): Promise<Value> {
    const worker = await this.started();
    const id = (this.nextId += 1);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...request });
    });
  }

  /** Starts the worker now, rather than at the first request, and waits until it is ready. */
  async start(): Promise<void> {
    await this.started();
  }

  get running(): boolean {
    return this.worker !== undefined;
  }

  async terminate(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker !== undefined) await (await worker.catch(() => undefined))?.terminate();
  }

  private started(): Promise<Worker> {
    this.worker ??= new Promise<Worker>((resolve, reject) => {
      const worker = new Worker(this.workerFile, { workerData: this.workerData });
      worker.on('message', (message: WorkerAnswer<Value> | { ready: true }) => {
        if ('ready' in message) {
          resolve(worker);
          return;
        }
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.ok) waiting?.resolve(message.value);
        else waiting?.reject(new Error(message.reason));
      });
      const fail = (error: Error) => {
        this.worker = undefined;
        reject(error);
        for (const waiting of this.pending.values()) waiting.reject(error);
        this.pending.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`the ${this.name} exited (${code})`)));
    });
    return this.worker;
  }
}
