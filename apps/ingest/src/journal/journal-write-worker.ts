// The worker thread of `JournalWritesInWorker`: its own connection to the journal file, making
// the journal's inserts (each group one transaction, committed with its fsync) and its removals,
// in the order they come, and answering each with its outcome.
import { openSqlite, type WorkerAnswer } from '@zeropark/timeseries';
import { parentPort, workerData } from 'node:worker_threads';
import type { JournalRow, JournalWorkerRequest } from './journal-writes-in-worker.js';

const port = parentPort;
if (port === null) throw new Error('journal-write-worker runs as a worker thread');
const db = openSqlite((workerData as { file: string }).file);
const insert = db.prepare('INSERT INTO journal (park, gateway, seq, received_at, reading_count, readings_json) VALUES (?, ?, ?, ?, ?, ?)');
const insertMany = db.transaction((rows: readonly JournalRow[]) => rows.map((row) => Number(insert.run(...row).lastInsertRowid)));
const removeThrough = db.prepare('DELETE FROM journal WHERE id <= ?');

function handle(request: JournalWorkerRequest): number[] | undefined {
  switch (request.kind) {
    case 'insert':
      return insertMany(request.rows);
    case 'delete':
      // a removal lost in a crash only replays rows the store already has: no fsync for it
      db.pragma('synchronous = NORMAL');
      try {
        removeThrough.run(request.lastId);
      } finally {
        db.pragma('synchronous = FULL');
      }
      return undefined;
    case 'close':
      db.close();
      return undefined;
  }
}

port.on('message', (request: JournalWorkerRequest & { id: number }) => {
  let reply: WorkerAnswer<number[] | undefined>;
  try {
    reply = { id: request.id, ok: true, value: handle(request) };
  } catch (error) {
    reply = { id: request.id, ok: false, reason: (error as Error).message };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true });
