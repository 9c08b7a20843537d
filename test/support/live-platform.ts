import { issueAccessToken } from '@zeropark/access';
import type { ClientToServerEvents, ParkSnapshot, ServerToClientEvents } from '@zeropark/contracts';
import { freePort, type InfluxdbServer, temporaryDirectory } from '@zeropark/test-servers';
import mqtt from 'mqtt';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { embeddedIngestOnInfluxdb, startIngestProcess } from './ingest-process.js';
import { REPO_ROOT } from './platform-process.js';
import { startServiceProcess, type ServiceProcess } from './service-process.js';

const TOKEN_SECRET = 'the-token-secret-of-the-live-suites';

/** The example park's simulated gateways and their development secrets (config/example-park.simulator.yaml). */
export const EXAMPLE_GATEWAYS = {
  'gw-substation': 'sim-substation-secret',
  'gw-b01': 'sim-b01-secret',
  'gw-b02': 'sim-b02-secret',
  'gw-b03': 'sim-b03-secret',
} as const;

export interface LivePlatform {
  carbonPort: number;
  /** The embedded broker's MQTT port, for mosquitto_pub. */
  mqttPort: number;
  /** An access token of the example park with the role given. */
  token(role: 'viewer' | 'operator' | 'admin'): Promise<string>;
  carbon: ServiceProcess;
  /** Publishes one batch at QoS 1 as a gateway of the example park; resolves on its PUBACK. */
  publish(gateway: keyof typeof EXAMPLE_GATEWAYS, seq: number, readings: { meter: string; ts: number; values: Record<string, number> }[]): Promise<void>;
  /** A dashboard's Socket.IO client, joined to the example park; its snapshots, newest last. */
  dashboard(): Promise<{ snapshots: ParkSnapshot[]; close(): void }>;
  /** A connected Socket.IO client with a token of the example park and the role given. */
  socket(role: 'viewer' | 'operator' | 'admin'): Promise<LiveSocket>;
  /** GET on the carbon service's /api with a viewer token of the example park; the parsed JSON. */
  api<T>(path: string): Promise<T>;
  /** GET on /api with a viewer token, for a file: the status, the headers and the text. */
  download(path: string): Promise<{ status: number; headers: Headers; text: string }>;
  /** A request to /api with a token of the role given; the status and the parsed JSON. */
  request(path: string, options: { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; role: 'viewer' | 'operator' | 'admin'; body?: unknown }): Promise<{ status: number; body: unknown }>;
  /** The registry file the services run with (a copy of the example park's, for specs that edit it). */
  registryFile: string;
  /** Stops the carbon service with a signal and starts it again on the same port and store. */
  restartCarbon(signal: NodeJS.Signals): Promise<void>;
  /** Stops the ingest (and its embedded broker) with a signal and starts it again on the same ports and journal. */
  restartIngest(signal: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LivePlatformOptions {
  /** Changes to the example park's registry text before the services start. */
  editRegistry?: (text: string) => string;
  /** More settings of the carbon service. */
  carbonEnv?: Record<string, string>;
}

/**
 * The ingest (embedded broker) and the carbon service as processes, both on a real InfluxDB,
 * with the example park and no simulator: the figures are only what a spec publishes.
 */
export async function startLivePlatform(influx: InfluxdbServer, database: string, options: LivePlatformOptions = {}): Promise<LivePlatform> {
  const dataDir = temporaryDirectory('live');
  const registryFile = join(dataDir, 'example-park.yaml');
  const registryText = readFileSync(join(REPO_ROOT, 'config/example-park.yaml'), 'utf8');
  writeFileSync(registryFile, options.editRegistry?.(registryText) ?? registryText);
  const [mqttPort, ingestPort, carbonPort] = [await freePort(), await freePort(), await freePort()];
  const ingestEnv = embeddedIngestOnInfluxdb({ registryFile, dataDir, influxUrl: influx.url, database, mqttPort });
  let ingest = await startIngestProcess(ingestEnv, ingestPort);
  const carbonEnv = {
    ZEROPARK_REGISTRY: registryFile,
    ZEROPARK_BUS_URL: `mqtt://127.0.0.1:${mqttPort}`,
    ZEROPARK_BUS_SECRET: ingestEnv.ZEROPARK_BUS_SECRET ?? '',
    ZEROPARK_STORE: 'influxdb',
    ZEROPARK_INFLUX_URL: influx.url,
    ZEROPARK_INFLUX_DATABASE: database,
    CARBON_PUSH_INTERVAL_MS: '100',
    CARBON_SERIES_INTERVAL_MS: '1000',
    CARBON_TOKEN_SECRET: TOKEN_SECRET,
    ZEROPARK_DATA_DIR: join(dataDir, 'carbon'),
    ...options.carbonEnv,
  };
  let carbon = await startServiceProcess('carbon', carbonEnv, carbonPort);
  const clients = new Set<Socket>();
  const gateways = new Map<string, mqtt.MqttClient>();

  const tokenOf = (role: 'viewer' | 'operator' | 'admin') => issueAccessToken(TOKEN_SECRET, { subject: `live-suite-${role}`, role, parks: ['demo-park'], ttlSeconds: 3600 });
  const socketFor = async (role: 'viewer' | 'operator' | 'admin'): Promise<LiveSocket> => {
    const socket: LiveSocket = io(`http://127.0.0.1:${carbonPort}`, { transports: ['websocket'], auth: { token: await tokenOf(role) } });
    clients.add(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  };
  return {
    carbonPort,
    mqttPort,
    token: tokenOf,
    registryFile,
    get carbon() {
      return carbon;
    },
    async publish(gateway, seq, readings) {
      let client = gateways.get(gateway);
      if (client !== undefined && !client.connected) {
        client.end(true); // its broker went away (a restarted ingest): connect again
        client = undefined;
      }
      if (client === undefined) {
        client = await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, { clientId: `${gateway}-spec`, username: gateway, password: EXAMPLE_GATEWAYS[gateway], reconnectPeriod: 0 });
        gateways.set(gateway, client);
      }
      await client.publishAsync(`parks/demo-park/gateways/${gateway}/readings`, JSON.stringify({ v: 1, seq, readings }), { qos: 1 });
    },
    socket: socketFor,
    async dashboard() {
      const socket = await socketFor('viewer');
      const snapshots: ParkSnapshot[] = [];
      socket.on('park:snapshot', (snapshot) => snapshots.push(snapshot));
      const joined = await socket.emitWithAck('park:join', 'demo-park');
      if (!joined.ok) throw new Error(joined.reason);
      snapshots.push(joined.snapshot);
      return { snapshots, close: () => socket.close() };
    },
    async request(path, options) {
      const headers: Record<string, string> = { authorization: `Bearer ${await tokenOf(options.role)}` };
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`http://127.0.0.1:${carbonPort}/api${path}`, { method: options.method, headers, ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }) });
      return { status: response.status, body: (await response.json()) as unknown };
    },
    async download(path) {
      const response = await fetch(`http://127.0.0.1:${carbonPort}/api${path}`, { headers: { authorization: `Bearer ${await tokenOf('viewer')}` } });
      return { status: response.status, headers: response.headers, text: await response.text() };
    },
    async api<T>(path: string): Promise<T> {
      const response = await fetch(`http://127.0.0.1:${carbonPort}/api${path}`, { headers: { authorization: `Bearer ${await tokenOf('viewer')}` } });
      if (!response.ok) throw new Error(`GET /api${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    async restartIngest(signal) {
      await ingest.kill(signal);
      ingest = await startIngestProcess(ingestEnv, ingestPort);
    },
    async restartCarbon(signal) {
      await carbon.kill(signal);
      carbon = await startServiceProcess('carbon', carbonEnv, carbonPort);
    },
    async stop() {
      for (const client of clients) client.close();
      for (const client of gateways.values()) await client.endAsync();
      await carbon.kill('SIGTERM');
      await ingest.kill('SIGTERM');
    },
  };
}
