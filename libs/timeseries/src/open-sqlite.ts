import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface SqliteOptions {
  /**
   * Bytes a page, for a new file (an existing one keeps its own): rows of several KiB, like the
   * ingest journal's, take fewer pages and fewer writes with 16 KiB pages than with the default 4.
   */
  pageSize?: number;
}

/**
 * Opens (creating its folder) a SQLite file the way ZeroPark keeps data: WAL, so readers never
 * block the writer, and `synchronous = FULL`, so a committed write survives a power cut.
 */
export function openSqlite(file: string, options: SqliteOptions = {}): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  // the page size of a new file must be set before it turns to WAL
  if (options.pageSize !== undefined) db.pragma(`page_size = ${options.pageSize}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  return db;
}
