import { issueAccessToken } from '@zeropark/access';
import {
  ACCEPTED_TOPIC_FILTER,
  BUS_USERNAME,
  serviceHealthTopic,
  type Alert,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type ServiceHealth,
} from '@zeropark/contracts';
import { loadRegistries } from '@zeropark/registry';
import { temporaryDirectory } from '@zeropark/test-servers';
import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { pino } from 'pino';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { startCarbon, type RunningCarbon } from '../carbon-app.js';
import { loadCarbonConfig } from '../carbon.config.js';

const REGISTRY = join(import.meta.dirname, '../../../../config/example-park.yaml');
const TOKEN_SECRET = 'the-token-secret-of-this-spec-32-chars';
const BUS_SECRET = 'bus-secret-for-the-spec';

// each case starts a broker and the whole service: seconds on a busy machine, not the default 5
describe('the carbon service\'s bus client', { timeout: 30_000 }, () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function startBroker(): Promise<{ broker: Aedes; port: number }> {
    const broker = await Aedes.createBroker();
    const server: Server = createServer((socket) => broker.handle(socket)).listen(0, '127.0.0.1');
    await once(server, 'listening');
    cleanups.push(async () => {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      server.close();
    });
    return { broker, port: (server.address() as { port: number }).port };
  }

  async function startCarbonOn(port: number): Promise<RunningCarbon> {
    const config = loadCarbonConfig({
      ZEROPARK_REGISTRY: REGISTRY,
      ZEROPARK_BUS_URL: `mqtt://127.0.0.1:${port}`,
      ZEROPARK_BUS_SECRET: BUS_SECRET,
      CARBON_HTTP_PORT: '0',
      CARBON_TOKEN_SECRET: TOKEN_SECRET,
      CARBON_ALERT_EVALUATE_MS: '100',
      ZEROPARK_DATA_DIR: temporaryDirectory('carbon-bus'),
    });
    const carbon = await startCarbon({ config, parks: await loadRegistries(config.ZEROPARK_REGISTRY), logger: pino({ level: process.env.SPEC_LOG ?? 'silent' }) });
    cleanups.push(() => carbon.stop());
    await expect.poll(async () => (await fetch(`http://127.0.0.1:${carbon.port}/readyz`)).status, { timeout: 5000 }).toBe(200);
    return carbon;
  }

  async function operatorWatchingAlerts(carbon: RunningCarbon): Promise<{ socket: Socket<ServerToClientEvents, ClientToServerEvents>; seen: Alert[] }> {
    const token = await issueAccessToken(TOKEN_SECRET, { subject: 'operator-ann', role: 'operator', parks: ['demo-park'], ttlSeconds: 600 });
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(`http://127.0.0.1:${carbon.port}`, { transports: ['websocket'], auth: { token } });
    cleanups.push(() => void socket.close());
    const seen: Alert[] = [];
    socket.on('alert', (alert) => seen.push(alert));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const joined = await socket.emitWithAck('alerts:join', 'demo-park');
    if (!joined.ok) throw new Error(joined.reason);
    seen.unshift(...joined.alerts); // open before it joined
    return { socket, seen };
  }

  function publish(broker: Aedes, topic: string, payload: string, retain: boolean): Promise<void> {
    return new Promise((resolve, reject) => broker.publish({ cmd: 'publish', topic, payload: Buffer.from(payload), qos: 1, retain, dup: false }, (error) => (error ? reject(error) : resolve())));
  }

  const health = (problems: ServiceHealth['problems']): ServiceHealth => ({ v: 1, service: 'ingest', instance: 'ingest-1', at: Date.now(), everyMs: 60_000, problems });
  const BEHIND = { kind: 'journal-behind' as const, since: Date.now() - 120_000, reason: '9000 readings wait in the journal for the store, the oldest for 120 s (bound 60 s)' };

  it('should subscribe again when the broker kept a session of it that lacks a filter, and hear the ingests\' health', async () => {
    const { broker, port } = await startBroker();
    // a session the broker kept with only the batches: as one cut off before its last SUBACK, or made by an older version
    const earlier = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { clientId: 'zeropark-carbon', clean: false, username: BUS_USERNAME, password: BUS_SECRET, reconnectPeriod: 0 });
    await earlier.subscribeAsync(ACCEPTED_TOPIC_FILTER, { qos: 1 });
    await earlier.endAsync();
    await publish(broker, serviceHealthTopic('ingest', 'ingest-1'), JSON.stringify(health([BEHIND])), true);

    const carbon = await startCarbonOn(port);
    const { seen } = await operatorWatchingAlerts(carbon);
    await expect.poll(() => seen.map((alert) => [alert.rule, alert.subject, alert.state]), { timeout: 5000 }).toEqual([['ingest-journal-behind', { kind: 'service', id: 'ingest/ingest-1' }, 'firing']]);
  });

  it('should raise a platform alert per problem an ingest reports, let an operator acknowledge it, and resolve it when the problem is gone', async () => {
    const { broker, port } = await startBroker();
    const carbon = await startCarbonOn(port);
    const { socket, seen } = await operatorWatchingAlerts(carbon);
    await publish(broker, serviceHealthTopic('ingest', 'ingest-1'), JSON.stringify(health([BEHIND])), true);
    await expect.poll(() => seen.length, { timeout: 5000 }).toBe(1);
    const fired = seen[0] as Alert;
    expect(fired).toMatchObject({ park: 'demo-park', rule: 'ingest-journal-behind', kind: 'service-health', severity: 'major', state: 'firing', message: expect.stringContaining('ingest/ingest-1: 9000 readings wait') as unknown });
    expect(await socket.emitWithAck('alert:acknowledge', 'demo-park', fired.id)).toMatchObject({ ok: true, alert: { state: 'acknowledged' } });
    await publish(broker, serviceHealthTopic('ingest', 'ingest-1'), JSON.stringify(health([])), true);
    await expect.poll(() => seen.map((alert) => alert.state), { timeout: 5000 }).toEqual(['firing', 'acknowledged', 'resolved']);
    expect((seen[2] as Alert).transitions.map((step) => [step.to, step.by])).toEqual([['firing', null], ['acknowledged', 'operator-ann'], ['resolved', null]]);
  });
});
