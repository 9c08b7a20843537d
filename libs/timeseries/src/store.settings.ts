import { env, type ConfigOf } from '@zeropark/contracts';
import { z } from 'zod';
import type { StoreSettings } from './open-store.js';

/** The store settings every service that reads or writes the store shares (docs/configuration.md). */
export const STORE_SETTINGS = {
  ZEROPARK_STORE: { schema: z.enum(['sqlite', 'influxdb']).default('sqlite'), description: 'Where readings are stored: the embedded SQLite file, or InfluxDB' },
  ZEROPARK_INFLUX_URL: { schema: env.text('http://127.0.0.1:8086'), description: 'InfluxDB base URL (with ZEROPARK_STORE=influxdb)' },
  ZEROPARK_INFLUX_DATABASE: { schema: env.text('zeropark'), description: 'InfluxDB database (1.x) or bucket reachable by InfluxQL (2.x/3.x)' },
  ZEROPARK_INFLUX_TOKEN: { schema: z.string().min(1).optional(), description: 'InfluxDB token (2.x/3.x), or `user:password` for 1.x', secret: true },
  ZEROPARK_INFLUX_API: {
    schema: z.enum(['auto', 'v1', 'v2']).default('auto'),
    description: 'Write path: `v2` /api/v2/write (1.8+, 2.x, 3.x), `v1` /write (1.x before 1.8), `auto` asks /ping',
  },
  ZEROPARK_INFLUX_GZIP_LEVEL: {
    schema: z.coerce.number().int().min(0).max(9).default(1),
    description: 'gzip level of InfluxDB write bodies: 1 (fast, the default) to 9 (smallest); 0 sends them uncompressed, for an InfluxDB on the same machine',
  },
};

export function storeSettingsFrom(config: ConfigOf<typeof STORE_SETTINGS> & { ZEROPARK_DATA_DIR: string }): StoreSettings {
  if (config.ZEROPARK_STORE === 'sqlite') return { kind: 'sqlite', dataDir: config.ZEROPARK_DATA_DIR };
  return {
    kind: 'influxdb',
    url: config.ZEROPARK_INFLUX_URL,
    database: config.ZEROPARK_INFLUX_DATABASE,
    api: config.ZEROPARK_INFLUX_API,
    gzipLevel: config.ZEROPARK_INFLUX_GZIP_LEVEL,
    ...(config.ZEROPARK_INFLUX_TOKEN === undefined ? {} : { token: config.ZEROPARK_INFLUX_TOKEN }),
  };
}
