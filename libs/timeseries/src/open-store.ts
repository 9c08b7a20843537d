import { join } from 'node:path';
import { InfluxStore, lineProtocolPreparer } from './influx-store.js';
import { prepareReadingsText, SqliteStore } from './sqlite-store.js';
import type { ParkReadings, PreparedReadings, TimeseriesStore } from './timeseries-store.js';

export type StoreSettings =
  | { kind: 'sqlite'; dataDir: string }
  | { kind: 'influxdb'; url: string; database: string; token?: string; api: 'v1' | 'v2' | 'auto'; gzipLevel?: number | 'auto' };

/** The store a service was configured for: the embedded SQLite file, or InfluxDB. */
export async function openStore(settings: StoreSettings): Promise<TimeseriesStore> {
  if (settings.kind === 'sqlite') return new SqliteStore(join(settings.dataDir, 'zeropark.db'));
  return InfluxStore.open({
    url: settings.url,
    database: settings.database,
    api: settings.api,
    ...(settings.gzipLevel === undefined ? {} : { gzipLevel: settings.gzipLevel }),
    ...(settings.token === undefined ? {} : { token: settings.token }),
  });
}

/** The `prepareReadings` of the store `settings` name, without opening it: for a writer that writes elsewhere (the ingest's worker). */
export function readingPreparer(settings: StoreSettings): (batch: ParkReadings) => PreparedReadings {
  return settings.kind === 'sqlite' ? prepareReadingsText : lineProtocolPreparer();
}
