import type { Alert, ClientToServerEvents, ParkSnapshot, ServerToClientEvents } from '@zeropark/contracts';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type RunningPlatform } from '../support/platform-process.js';
import { waitUntil } from '../support/wait-until.js';

/**
 * The example park ships alert rules the simulator trips on demand (docs/alerts.md): started
 * with `npm start`, each trip of its control raises the rule's alert, and ending it resolves it.
 */
describe('the simulator trips the example park\'s alert rules on demand', () => {
  let platform: RunningPlatform;
  let socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  const alerts: Alert[] = [];
  const snapshots: ParkSnapshot[] = [];

  const trip = async (method: 'POST' | 'DELETE', path: string) => {
    const response = await fetch(`http://127.0.0.1:${platform.tripControlPort}/trips/${path}`, { method });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const latest = (rule: string, subject: string) => alerts.filter((alert) => alert.rule === rule && alert.subject.id === subject).at(-1);

  beforeAll(async () => {
    platform = await startPlatform();
    // the simulator starts last; its control listens once it has loaded the park
    await waitUntil(() => fetch(`http://127.0.0.1:${platform.tripControlPort}/trips`).then((response) => response.ok, () => false), Boolean, 15_000, 'the trip control');
    socket = io(`http://127.0.0.1:${platform.carbonPort}`, { transports: ['websocket'], auth: { token: platform.token } });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.on('alert', (alert) => alerts.push(alert));
    socket.on('park:snapshot', (snapshot) => snapshots.push(snapshot));
    expect(await socket.emitWithAck('alerts:join', 'demo-park')).toMatchObject({ ok: true });
    expect(await socket.emitWithAck('park:join', 'demo-park')).toMatchObject({ ok: true });
    // the silent meter needs 3 × 10 s: started first, checked last
    expect(await trip('POST', 'silent-meter/B02-GAS')).toMatchObject({ status: 200, body: { started: { kind: 'silent-meter', target: 'B02-GAS' } } });
  });

  afterAll(async () => {
    socket?.close();
    await platform?.stop();
  });

  it('should raise gateway-offline by the last will at once, and resolve it when the gateway is back, with no silent meter', async () => {
    expect((await trip('POST', 'offline/gw-b03')).status).toBe(200);
    const offline = await waitUntil(() => latest('gateway-offline', 'gw-b03'), (alert) => alert?.state === 'firing', 10_000, 'gateway-offline for gw-b03');
    expect(offline?.message).toContain('its last will says offline');
    // away longer than a meter's silence (3 × 10 s in the example park's rules)
    await new Promise((resolve) => setTimeout(resolve, 35_000));
    expect((await trip('DELETE', 'offline/gw-b03')).status).toBe(200);
    await waitUntil(() => latest('gateway-offline', 'gw-b03'), (alert) => alert?.state === 'resolved', 15_000, 'gw-b03 back online');
    // its meters were neither silent while it was away nor in the first interval after its return
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    expect(alerts.filter((alert) => alert.rule === 'meter-silent' && alert.subject.id.startsWith('B03')).map((alert) => alert.message)).toEqual([]);
  });

  it('should raise implausible-data for a counter jump', async () => {
    expect((await trip('POST', 'counter-jump/B03-MAIN')).status).toBe(200);
    await waitUntil(() => latest('implausible-data', 'B03-MAIN'), (alert) => alert?.state === 'firing', 10_000, 'implausible-data for B03-MAIN');
  });

  it('should hold B01 above the b01-overload threshold while tripped', async () => {
    expect((await trip('POST', 'overload/B01')).status).toBe(200);
    // the rule fires after a full minute above 1000 kW; that B01 is there is what the trip owes
    await waitUntil(() => snapshots.at(-1)?.buildings.find((building) => building.buildingId === 'B01')?.powerKw ?? 0, (kw) => kw > 1000, 10_000, 'B01 above 1000 kW');
    const rules = await fetch(`http://127.0.0.1:${platform.carbonPort}/api/parks/demo-park/alert-rules`, { headers: { authorization: `Bearer ${platform.token}` } }).then((response) => response.json() as Promise<{ rules: { rule: { id: string; condition: { level?: number } } }[] }>);
    expect(rules.rules.find((entry) => entry.rule.id === 'b01-overload')?.rule.condition.level).toBe(1000);
    expect((await trip('DELETE', 'overload/B01')).status).toBe(200);
  });

  it('should raise meter-silent for the meter its gateway leaves out, and not for the others', async () => {
    const silent = await waitUntil(() => latest('meter-silent', 'B02-GAS'), (alert) => alert?.state === 'firing', 45_000, 'meter-silent for B02-GAS');
    expect(silent?.message).toContain('while its gateway gw-b02 is');
    expect(alerts.filter((alert) => alert.rule === 'meter-silent').map((alert) => alert.subject.id)).toEqual(['B02-GAS']);
    expect((await trip('DELETE', 'silent-meter/B02-GAS')).status).toBe(200);
    await waitUntil(() => latest('meter-silent', 'B02-GAS'), (alert) => alert?.state === 'resolved', 10_000, 'B02-GAS heard again');
  });
});
