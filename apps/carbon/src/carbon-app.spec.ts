import { acceptedTopic, type AcceptedBatch, type ClientToServerEvents, type JoinParkResult, type ParkSnapshot, type ServerToClientEvents } from '@zeropark/contracts';
import { loadRegistries } from '@zeropark/registry';
import { Aedes } from 'aedes';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { pino } from 'pino';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCarbonConfig } from './carbon.config.js';
import { startCarbon, type RunningCarbon } from './carbon-app.js';

const REGISTRY = join(import.meta.dirname, '../../../config/example-park.yaml');
const HOUR = 3_600_000;

describe('the carbon service on a real MQTT bus', () => {
  let broker: Aedes;
  let brokerServer: Server;
  let carbon: RunningCarbon;
  let dashboard: Socket<ServerToClientEvents, ClientToServerEvents>;

  beforeAll(async () => {
    broker = await Aedes.createBroker();
    brokerServer = createServer((socket) => broker.handle(socket)).listen(0, '127.0.0.1');
    await once(brokerServer, 'listening');
    const brokerPort = (brokerServer.address() as { port: number }).port;
    const config = loadCarbonConfig({
      ZEROPARK_REGISTRY: REGISTRY,
      ZEROPARK_BUS_URL: `mqtt://127.0.0.1:${brokerPort}`,
      ZEROPARK_BUS_SECRET: 'bus-secret-for-the-spec',
      CARBON_HTTP_PORT: '0',
      CARBON_PUSH_INTERVAL_MS: '100',
      ZEROPARK_DATA_DIR: mkdtempSync(join(tmpdir(), 'zeropark-carbon-')),
    });
    carbon = await startCarbon({ config, parks: await loadRegistries(config.ZEROPARK_REGISTRY), logger: pino({ level: 'silent' }) });
    // ready once the bus is connected
    for (let tries = 0; (await fetch(`http://127.0.0.1:${carbon.port}/readyz`)).status !== 200; tries += 1) {
      if (tries > 100) throw new Error('the carbon service never became ready');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    dashboard = io(`http://127.0.0.1:${carbon.port}`, { transports: ['websocket'] });
    await new Promise<void>((resolve) => dashboard.once('connect', () => resolve()));
  });

  afterAll(async () => {
    dashboard?.close();
    await carbon?.stop();
    await new Promise<void>((resolve) => broker?.close(() => resolve()));
    brokerServer?.close();
  });

  function publishBatch(batch: AcceptedBatch): Promise<void> {
    return new Promise((resolve, reject) =>
      broker.publish({ cmd: 'publish', topic: acceptedTopic(batch.park), payload: Buffer.from(JSON.stringify(batch)), qos: 1, retain: false, dup: false }, (error) =>
        error ? reject(error) : resolve(),
      ),
    );
  }

  it('should give a joining dashboard the park snapshot at once', async () => {
    const joined = await dashboard.emitWithAck('park:join', 'demo-park');
    expect(joined).toMatchObject({ ok: true, snapshot: { parkId: 'demo-park', name: 'Demo Eco-Industrial Park', timezone: 'Asia/Shanghai' } });
  });

  it('should refuse to join a park it does not hold', async () => {
    expect(await dashboard.emitWithAck('park:join', 'other-park')).toEqual({ ok: false, reason: 'no park "other-park"' } satisfies JoinParkResult);
  });

  it('should push a snapshot with the figures of the batches taken from the bus', async () => {
    const t1 = Date.now() - HOUR;
    const t2 = Date.now();
    const lab = { meter: 'LAB-MAIN', building: 'LAB', role: 'building_submeter' as const, carrier: 'electricity' as const };
    const snapshots: ParkSnapshot[] = [];
    dashboard.on('park:snapshot', (snapshot) => snapshots.push(snapshot));
    await publishBatch({ v: 1, park: 'demo-park', gateway: 'demo-gateway', seq: 1, receivedAt: t1, readings: [{ ...lab, ts: t1, values: { energy_import_kwh: 1000, power_kw: 40 } }] });
    await publishBatch({ v: 1, park: 'demo-park', gateway: 'demo-gateway', seq: 2, receivedAt: t2, readings: [{ ...lab, ts: t2, values: { energy_import_kwh: 1012.5, power_kw: 42.5 } }] });
    // 1 012.5 − 1 000 kWh, of which the part that fell on today in Shanghai (UTC+8)
    const dayStart = Math.floor((t2 + 8 * HOUR) / (24 * HOUR)) * 24 * HOUR - 8 * HOUR;
    const today = (12.5 * (t2 - Math.max(t1, dayStart))) / (t2 - t1);
    await expect.poll(() => snapshots.at(-1)?.buildings.find((building) => building.buildingId === 'LAB')?.today.electricityKwh, { timeout: 3000 }).toBeCloseTo(today, 6);
    const lab2 = snapshots.at(-1)?.buildings.find((building) => building.buildingId === 'LAB');
    expect(lab2).toMatchObject({ powerKw: 42.5, lastReadingAt: t2 });
  });

  it('should serve the same snapshot over REST', async () => {
    const response = await fetch(`http://127.0.0.1:${carbon.port}/api/parks/demo-park/live`);
    expect(response.status).toBe(200);
    const snapshot = (await response.json()) as ParkSnapshot;
    expect(snapshot.buildings.find((building) => building.buildingId === 'LAB')?.powerKw).toBe(42.5);
    expect((await fetch(`http://127.0.0.1:${carbon.port}/api/parks/nowhere/live`)).status).toBe(404);
  });

  it('should count what it did in /metrics', async () => {
    const metrics = await (await fetch(`http://127.0.0.1:${carbon.port}/metrics`)).text();
    expect(metrics).toMatch(/^zeropark_carbon_batches_received_total 2$/m);
    expect(metrics).toMatch(/^zeropark_carbon_bus_connected 1$/m);
  });
});
