import { Worker } from 'node:worker_threads';

/** A journal row as the worker inserts it: park, gateway, seq, received at, reading count, readings' JSON. */
export type JournalRow = [park: string, gateway: string, seq: number, receivedAt: number, readingCount: number, readingsJson: string];

type JournalWorkerCommand = { kind: 'insert'; rows: JournalRow[] } | { kind: 'delete'; lastId: number } | { kind: 'close' };

export type JournalWorkerRequest = JournalWorkerCommand & { id: number };

export type JournalWorkerReply = { id: number; ok: true; ids: number[] | undefined } | { id: number; ok: false; reason: string };

/**
 * The journal's writes, made by a worker thread with its own connection to the journal file: a
 * commit waits for its fsync there, so the event loop that decodes every gateway's packets keeps
 * turning while the disk is slow (with another process's writes in the way, one commit took
 * 260 ms; docs/benchmarks.md, "live"). The PUBACKs of a group still wait for its commit. Requests
 * are made in the order they are sent. When the worker dies, what it was asked fails (the
 * gateways get no PUBACK and send again) and the next request starts a new one.
 */
export class JournalWritesInWorker {
  private worker: Promise<Worker> | undefined;
  private readonly pending = new Map<number, { resolve: (ids: number[] | undefined) => void; reject: (error: Error) => void }>();
  private nextId = 0;

  constructor(
    private readonly file: string,
    private readonly workerFile: URL = builtWorker(),
  ) {}

  /** Inserts the rows in one transaction; resolves with their ids once it is committed to disk. */
  async insert(rows: JournalRow[]): Promise<number[]> {
    return (await this.request({ kind: 'insert', rows })) ?? [];
  }

  /** Deletes the rows up to `lastId`, after every request sent before. */
  async deleteThrough(lastId: number): Promise<void> {
    await this.request({ kind: 'delete', lastId });
  }

  /** Closes the worker's connection once every request sent before is done, and ends the worker. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (worker === undefined) return;
    await this.request({ kind: 'close' }).catch(() => undefined);
    this.worker = undefined;
    await (await worker.catch(() => undefined))?.terminate();
  }

  private async request(command: JournalWorkerCommand): Promise<number[] | undefined> {
    const worker = await this.started();
    const id = (this.nextId += 1);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...command } satisfies JournalWorkerRequest);
    });
  }

  private started(): Promise<Worker> {
    this.worker ??= new Promise<Worker>((resolve, reject) => {
      const worker = new Worker(this.workerFile, { workerData: { file: this.file } });
      worker.on('message', (message: JournalWorkerReply | { ready: true }) => {
        if ('ready' in message) {
          resolve(worker);
          return;
        }
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.ok) waiting?.resolve(message.ids);
        else waiting?.reject(new Error(message.reason));
      });
      const fail = (error: Error) => {
        this.worker = undefined;
        reject(error);
        for (const waiting of this.pending.values()) waiting.reject(error);
        this.pending.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`the journal write worker exited (${code})`)));
    });
    return this.worker;
  }
}

/**
 * The worker's script: the built `journal-write-worker.js` beside this file, or, when this file
 * runs from its TypeScript source (the specs), the built one in `dist/` (nx builds the ingest
 * before its tests).
 */
function builtWorker(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? '../../dist/journal/journal-write-worker.js' : './journal-write-worker.js', import.meta.url);
}
