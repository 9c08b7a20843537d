import type { ClientToServerEvents, ParkSnapshot, ServerToClientEvents } from '@zeropark/contracts';
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shareOnShanghaiDayOfEnd } from '../support/park-day.js';
import { startPlatform, type RunningPlatform } from '../support/platform-process.js';
import { requireCommand } from '@zeropark/test-servers';

const run = promisify(execFile);
const MINUTE = 60_000;

/** The README's demo gateway, publishing with the real mosquitto_pub. */
async function publishAsDemoGateway(platform: RunningPlatform, payload: unknown, password = 'demo-secret') {
  return run(requireCommand('mosquitto_pub', 'mosquitto-clients'), [
    '-h', '127.0.0.1', '-p', String(platform.mqttPort), '-q', '1', '-V', 'mqttv311',
    '-i', `e2e-${Math.random().toString(36).slice(2)}`,
    '-u', 'demo-gateway', '-P', password,
    '-t', 'parks/demo-park/gateways/demo-gateway/readings',
    '-m', JSON.stringify(payload),
  ]);
}

function labOf(snapshot: ParkSnapshot | undefined) {
  return snapshot?.buildings.find((building) => building.buildingId === 'LAB');
}

describe('the walking skeleton: gateway → ingest → carbon → browser, started by `npm start`', () => {
  let platform: RunningPlatform;
  let dashboard: Socket<ServerToClientEvents, ClientToServerEvents>;
  const snapshots: ParkSnapshot[] = [];
  const t2 = Date.now();
  const t1 = t2 - 30 * MINUTE;

  beforeAll(async () => {
    requireCommand('mosquitto_pub', 'mosquitto-clients');
    platform = await startPlatform();
    dashboard = io(`http://127.0.0.1:${platform.carbonPort}`, { transports: ['websocket'], auth: { token: platform.token } });
    await new Promise<void>((resolve) => dashboard.once('connect', () => resolve()));
    dashboard.on('park:snapshot', (snapshot) => snapshots.push(snapshot));
    const joined = await dashboard.emitWithAck('park:join', 'demo-park');
    if (!joined.ok) throw new Error(joined.reason);
  });

  afterAll(async () => {
    dashboard?.close();
    await platform?.stop();
  });

  it('should print the dashboard URL, the MQTT address and the demo credentials', () => {
    expect(platform.output()).toContain(`Dashboard      http://127.0.0.1:${platform.carbonPort}/`);
    expect(platform.output()).toContain(`MQTT broker    mqtt://127.0.0.1:${platform.mqttPort}`);
    expect(platform.output()).toContain('user demo-gateway, password demo-secret');
  });

  it('should serve the dashboard page', async () => {
    const page = await fetch(`http://127.0.0.1:${platform.carbonPort}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>ZeroPark');
  });

  it('should push the figures of a batch published with mosquitto_pub to a Socket.IO client', async () => {
    await publishAsDemoGateway(platform, { v: 1, seq: 1, readings: [{ meter: 'LAB-MAIN', ts: new Date(t1).toISOString(), values: { energy_import_kwh: 1000, power_kw: 40 } }] });
    await publishAsDemoGateway(platform, { v: 1, seq: 2, readings: [{ meter: 'LAB-MAIN', ts: t2, values: { energy_import_kwh: 1012.5, power_kw: 42.5 } }] });

    await expect.poll(() => labOf(snapshots.at(-1))?.lastReadingAt, { timeout: 10_000, interval: 50 }).toBe(t2);
    const snapshot = snapshots.at(-1)!;
    const lab = labOf(snapshot)!;
    expect(lab.powerKw).toBe(42.5);
    // 1 012.5 − 1 000 kWh, from the counter; the part of the half hour that is today in Shanghai
    expect(lab.today.electricityKwh).toBeCloseTo(12.5 * shareOnShanghaiDayOfEnd(t1, t2), 9);
    expect(snapshot.factor.grid).toMatchObject({ region: 'east-china', year: 2023, kgCo2PerKwh: 0.55, origin: 'table' });
    expect(snapshot.factor.factorSetVersion).toBe('cn-mee-nbs-2023.2');
  });

  it('should have stored both readings in the embedded store', () => {
    const db = new Database(join(platform.dataDir, 'zeropark.db'), { readonly: true });
    const rows = db.prepare("SELECT ts, energy_import_kwh, power_kw FROM reading WHERE meter = 'LAB-MAIN' ORDER BY ts").all();
    db.close();
    expect(rows).toEqual([
      { ts: t1, energy_import_kwh: 1000, power_kw: 40 },
      { ts: t2, energy_import_kwh: 1012.5, power_kw: 42.5 },
    ]);
  });

  it('should have the simulated park running beside it', async () => {
    await expect.poll(() => snapshots.at(-1)?.buildings.find((building) => building.buildingId === 'B01')?.lastReadingAt ?? null, { timeout: 10_000 }).not.toBeNull();
  });

  it('should refuse a wrong password and store nothing of it', async () => {
    const marker = t2 + 1000;
    const refused = publishAsDemoGateway(platform, { v: 1, seq: 3, readings: [{ meter: 'LAB-MAIN', ts: marker, values: { energy_import_kwh: 9999, power_kw: 999 } }] }, 'not-the-secret');
    await expect(refused).rejects.toMatchObject({ stderr: expect.stringMatching(/not authori[sz]ed|bad user ?name or password/i) as string });
    const db = new Database(join(platform.dataDir, 'zeropark.db'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM reading WHERE ts = ?').get(marker)).toEqual({ n: 0 });
    db.close();
    expect(labOf(snapshots.at(-1))?.powerKw).toBe(42.5);
  });

  it('should stop every service on Ctrl-C and free its ports', async () => {
    dashboard.close();
    await platform.stop('SIGINT');
    const answers = (port: number) => fetch(`http://127.0.0.1:${port}/healthz`).then(() => true, () => false);
    await expect.poll(() => answers(platform.carbonPort), { timeout: 15_000 }).toBe(false);
    await expect.poll(() => answers(platform.ingestHttpPort), { timeout: 15_000 }).toBe(false);
    await expect.poll(() => platform.output(), { timeout: 15_000 }).toMatch(/\[ingest\] info stopping/);
    expect(platform.output()).not.toContain('stopped unexpectedly');
  });
});
