import { WorkerRequests } from '@zeropark/timeseries';

/** A journal row as the worker inserts it: park, gateway, seq, received at, reading count, readings' JSON. */
export type JournalRow = [park: string, gateway: string, seq: number, receivedAt: number, readingCount: number, readingsJson: string];

export type JournalWorkerRequest = { kind: 'insert'; rows: JournalRow[] } | { kind: 'delete'; lastId: number } | { kind: 'close' };

/**
 * The journal's writes, made by a worker thread with its own connection to the journal file: a
 * commit waits for its fsync there, so the event loop that decodes every gateway's packets keeps
 * turning while the disk is slow (with another process's writes in the way, one commit took
 * 260 ms; docs/benchmarks.md, "live"). The PUBACKs of a group still wait for its commit. Requests
 * are made in the order they are sent. When the worker dies, what it was asked fails (the
 * gateways get no PUBACK and send again) and the next request starts a new one.
 */
export class JournalWritesInWorker {
  private readonly worker: WorkerRequests<JournalWorkerRequest, number[] | undefined>;

  constructor(file: string, workerFile: URL = builtWorker()) {
    this.worker = new WorkerRequests(workerFile, { file }, 'journal write worker');
  }

  /** Inserts the rows in one transaction; resolves with their ids once it is committed to disk. */
  async insert(rows: JournalRow[]): Promise<number[]> {
    return (await this.worker.request({ kind: 'insert', rows })) ?? [];
  }

  /** Deletes the rows up to `lastId`, after every request sent before. */
  async deleteThrough(lastId: number): Promise<void> {
    await this.worker.request({ kind: 'delete', lastId });
  }

  /** Closes the worker's connection once every request sent before is done, and ends the worker. */
  async close(): Promise<void> {
    if (!this.worker.running) return;
    await this.worker.request({ kind: 'close' }).catch(() => undefined);
    await this.worker.terminate();
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
