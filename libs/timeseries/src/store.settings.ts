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
    schema: z.union([z.literal('auto'), z.coerce.number().int().min(0).max(9)], { error: 'must be `auto` or a gzip level, a whole number from 0 to 9' }).default('auto'),
    description: 'gzip level of InfluxDB write bodies, 1 (fast) to 9 (smallest), 0 for none; `auto`: none for an InfluxDB at a loopback address (compressing would only cost CPU on both sides), 1 for any other',
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
