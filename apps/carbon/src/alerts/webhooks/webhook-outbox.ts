import { openSqlite } from '@zeropark/timeseries';

export interface WebhookDelivery {
  id: number;
  webhook: string;
  /** The idempotency key: the alert and the state it moved to. */
  key: string;
  body: string;
  attempts: number;
  nextAt: number;
  createdAt: number;
}

/** Delivered and abandoned deliveries are kept this long, for who-was-told-what questions. */
const KEEP_DONE_MS = 7 * 86_400_000;

/**
 * The deliveries still owed to each webhook, in a SQLite file so a restart does not forget
 * them. One row per webhook and idempotency key: adding a transition twice queues it once.
 * Each webhook's rows go out in the order they were added.
 */
export class WebhookOutbox {
  private readonly db: ReturnType<typeof openSqlite>;

  constructor(file: string, now: number) {
    this.db = openSqlite(file);
    this.db.exec(`CREATE TABLE IF NOT EXISTS delivery (
      id INTEGER PRIMARY KEY AUTOINCREMENT, webhook TEXT NOT NULL, key TEXT NOT NULL, body TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0, next_at INTEGER NOT NULL, created_at INTEGER NOT NULL,
      done_at INTEGER, outcome TEXT, last_error TEXT, UNIQUE (webhook, key)
    )`);
    this.db.prepare('DELETE FROM delivery WHERE done_at IS NOT NULL AND done_at < ?').run(now - KEEP_DONE_MS);
  }

  add(deliveries: readonly { webhook: string; key: string; body: string }[], now: number): void {
    const insert = this.db.prepare('INSERT OR IGNORE INTO delivery (webhook, key, body, next_at, created_at) VALUES (?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const delivery of deliveries) insert.run(delivery.webhook, delivery.key, delivery.body, now, now);
    })();
  }

  /** The oldest delivery still owed to a webhook, due or not. */
  next(webhook: string): WebhookDelivery | undefined {
    return this.db
      .prepare(
        `SELECT id, webhook, key, body, attempts, next_at AS nextAt, created_at AS createdAt FROM delivery
         WHERE webhook = ? AND done_at IS NULL ORDER BY id LIMIT 1`,
      )
      .get(webhook) as WebhookDelivery | undefined;
  }

  delivered(id: number, now: number): void {
    this.db.prepare("UPDATE delivery SET done_at = ?, outcome = 'delivered', attempts = attempts + 1 WHERE id = ?").run(now, id);
  }

  /** A failed attempt: tried again at `nextAt`. */
  retryLater(id: number, nextAt: number, error: string): void {
    this.db.prepare('UPDATE delivery SET attempts = attempts + 1, next_at = ?, last_error = ? WHERE id = ?').run(nextAt, error, id);
  }

  /** Given up after too long: kept, marked, never sent again. */
  abandon(id: number, now: number, error: string): void {
    this.db.prepare("UPDATE delivery SET done_at = ?, outcome = 'abandoned', attempts = attempts + 1, last_error = ? WHERE id = ?").run(now, error, id);
  }

  owed(webhook: string): number {
    return (this.db.prepare('SELECT count(*) AS n FROM delivery WHERE webhook = ? AND done_at IS NULL').get(webhook) as { n: number }).n;
  }

  close(): void {
    this.db.close();
  }
}
