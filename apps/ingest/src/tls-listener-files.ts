import { ConfigError } from '@zeropark/contracts';
import { readFileSync } from 'node:fs';
import type { IngestConfig } from './ingest.config.js';

/** The embedded broker's MQTT over TLS listener: where it listens, and its PEM files, read. */
export interface TlsListenerSettings {
  port: number;
  host: string;
  cert: Buffer;
  key: Buffer;
  /** The authority of gateway certificates: set, every client must show one it signed. */
  clientCa: Buffer | undefined;
}

/**
 * The TLS listener the configuration asks for, its files read at start, or undefined when it asks
 * for none. A file that cannot be read is a configuration error naming the setting, the file and
 * why, all of them at once.
 */
export function readTlsListenerSettings(config: IngestConfig): TlsListenerSettings | undefined {
  if (config.INGEST_MQTTS_PORT === undefined) return undefined;
  const problems: string[] = [];
  const read = (name: 'INGEST_TLS_CERT_FILE' | 'INGEST_TLS_KEY_FILE' | 'INGEST_TLS_CLIENT_CA_FILE'): Buffer | undefined => {
    const file = config[name];
    if (file === undefined) return undefined;
    try {
      const pem = readFileSync(file);
      if (!pem.includes('-----BEGIN ')) problems.push(`${name}: ${file} is not a PEM file (no "-----BEGIN" line)`);
      return pem;
    } catch (error) {
      problems.push(`${name}: cannot read ${file}: ${(error as Error).message}`);
      return undefined;
    }
  };
  const [cert, key, clientCa] = [read('INGEST_TLS_CERT_FILE'), read('INGEST_TLS_KEY_FILE'), read('INGEST_TLS_CLIENT_CA_FILE')];
  if (problems.length > 0 || cert === undefined || key === undefined) throw new ConfigError(problems);
  return { port: config.INGEST_MQTTS_PORT, host: config.INGEST_MQTTS_HOST ?? config.INGEST_HOST, cert, key, clientCa };
}
