import { temporaryDirectory } from '@zeropark/test-servers';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { loadIngestConfig } from './ingest.config.js';
import { startIngest, type RunningIngest } from './ingest-service.js';
import { writeSpecRegistry } from './spec-registry.fixture.js';

export const SPEC_BUS_SECRET = 'bus-secret-for-the-spec';

/** An ingest on the spec park (spec-registry.fixture.ts) with its embedded broker on a free port, and every line it logs. */
export interface SpecIngest {
  ingest: RunningIngest;
  port: number;
  /** The log lines so far, parsed. */
  logLines(): Record<string, unknown>[];
}

export async function startSpecIngest(): Promise<SpecIngest> {
  const dataDir = temporaryDirectory('ingest-spec');
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter((line) => line !== ''));
      done();
    },
  });
  const config = loadIngestConfig({
    ZEROPARK_REGISTRY: await writeSpecRegistry(dataDir),
    ZEROPARK_DATA_DIR: dataDir,
    ZEROPARK_BUS_SECRET: SPEC_BUS_SECRET,
    INGEST_MQTT_PORT: '0',
    INGEST_HTTP_PORT: '0',
  });
  const ingest = await startIngest(config, pino({ level: 'debug' }, sink));
  return { ingest, port: ingest.mqttPort ?? 0, logLines: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

/**
 * Connects with mqtt.js, over TLS with `mqtts`; resolves once the CONNACK accepts, rejects when it
 * refuses (the error's `code` is the CONNACK's return code) or the broker closes the connection first.
 */
export function connectClient(port: number, options: IClientOptions, protocol: 'mqtt' | 'mqtts' = 'mqtt'): Promise<MqttClient> {
  const client = mqtt.connect(`${protocol}://127.0.0.1:${port}`, { reconnectPeriod: 0, connectTimeout: 5000, ...options });
  return new Promise((resolve, reject) => {
    client.once('connect', () => resolve(client));
    client.once('error', (error) => {
      client.end(true);
      reject(error);
    });
    client.once('close', () => reject(new Error('connection closed before CONNACK')));
  });
}
