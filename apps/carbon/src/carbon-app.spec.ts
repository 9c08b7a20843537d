import { acceptedTopic, type AcceptedBatch, type ClientToServerEvents, type JoinParkResult, type ParkSnapshot, type ServerToClientEvents } from '@zeropark/contracts';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCarbonOnBus, type CarbonOnBus } from './carbon-app.fixture.js';

const HOUR = 3_600_000;

describe('the carbon service on a real MQTT bus', () => {
  let service: CarbonOnBus;
  let carbon: CarbonOnBus['carbon'];
  let dashboard: Socket<ServerToClientEvents, ClientToServerEvents>;
  const tokenFor = (parks: string[], role?: 'viewer' | 'operator' | 'admin') => service.tokenFor(parks, role);
  const publishBatch = (batch: AcceptedBatch) => service.publishBatch(batch);

  beforeAll(async () => {
    service = await startCarbonOnBus();
    carbon = service.carbon;
    dashboard = io(service.url, { transports: ['websocket'], auth: { token: await tokenFor(['demo-park']) } });
    await new Promise<void>((resolve) => dashboard.once('connect', () => resolve()));
  });

  afterAll(async () => {
    dashboard?.close();
    await service?.stop();
  });

  it('should give a joining dashboard the park snapshot at once', async () => {
    const joined = await dashboard.emitWithAck('park:join', 'demo-park');
    expect(joined).toMatchObject({ ok: true, snapshot: { parkId: 'demo-park', name: 'Demo Eco-Industrial Park', timezone: 'Asia/Shanghai' } });
  });

  it('should refuse to join a park its token does not name', async () => {
    expect(await dashboard.emitWithAck('park:join', 'other-park')).toEqual({ ok: false, reason: 'your token does not name park "other-park"' } satisfies JoinParkResult);
  });

  it('should send a dashboard no frame of a park its token does not name', async () => {
    const frames: string[] = [];
    dashboard.onAny((event: string, payload: { parkId?: string }) => frames.push(`${event}:${payload.parkId ?? ''}`));
    const other = io(`http://127.0.0.1:${carbon.port}`, { transports: ['websocket'], auth: { token: await tokenFor(['other-park']) } });
    const otherFrames: string[] = [];
    other.on('park:snapshot', (snapshot) => otherFrames.push(snapshot.parkId));
    await new Promise<void>((resolve) => other.once('connect', () => resolve()));
    expect(await other.emitWithAck('park:join', 'other-park')).toMatchObject({ ok: true });
    const now = Date.now();
    const hall = { meter: 'H1-MAIN', building: 'H1', role: 'building_submeter' as const, carrier: 'electricity' as const };
    await publishBatch({ v: 1, park: 'other-park', gateway: 'gw-h1', seq: 1, receivedAt: now, readings: [{ ...hall, ts: now, values: { power_kw: 7 } }] });
    await expect.poll(() => otherFrames.length, { timeout: 3000 }).toBeGreaterThan(0);
    other.close();
    expect(frames.filter((frame) => frame.endsWith(':other-park'))).toEqual([]);
    dashboard.offAny();
  });

  it('should give a building room its snapshot on join', async () => {
    const joined = await dashboard.emitWithAck('building:join', 'demo-park', 'B01');
    expect(joined).toMatchObject({ ok: true, snapshot: { parkId: 'demo-park', buildingId: 'B01', name: 'Assembly hall' } });
    // its meters, each with its freshness and quality, for the building view
    expect(joined.ok && joined.snapshot.meters.map((meter) => meter.meterId)).toEqual(['PV-B01-ROOF', 'B01-MAIN']);
    expect(joined.ok && joined.snapshot.meters[1]).toMatchObject({ role: 'building_submeter', carrier: 'electricity', implausibleIntervals: 0 });
    expect(await dashboard.emitWithAck('building:join', 'demo-park', 'B99')).toEqual({ ok: false, reason: 'no building "B99" in park "demo-park"' });
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

  it('should serve the same snapshot over REST to a token that names the park', async () => {
    const authorization = `Bearer ${await tokenFor(['demo-park'])}`;
    const response = await fetch(`http://127.0.0.1:${carbon.port}/api/parks/demo-park/live`, { headers: { authorization } });
    expect(response.status).toBe(200);
    const snapshot = (await response.json()) as ParkSnapshot;
    expect(snapshot.buildings.find((building) => building.buildingId === 'LAB')?.powerKw).toBe(42.5);
    const all = await fetch(`http://127.0.0.1:${carbon.port}/api/parks`, { headers: { authorization: `Bearer ${await tokenFor(['*'])}` } });
    expect(await all.json()).toEqual({ parks: ['demo-park', 'other-park'] });
    const nowhere = await fetch(`http://127.0.0.1:${carbon.port}/api/parks/nowhere/live`, { headers: { authorization: `Bearer ${await tokenFor(['*'])}` } });
    expect(nowhere.status).toBe(404);
  });

  it('should refuse REST calls without a token, or for a park the token does not name', async () => {
    const live = `http://127.0.0.1:${carbon.port}/api/parks/demo-park/live`;
    const missing = await fetch(live);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ message: expect.stringContaining('an access token is required') as string });
    expect((await fetch(live, { headers: { authorization: 'Bearer not-a-token' } })).status).toBe(401);
    const foreign = await fetch(live, { headers: { authorization: `Bearer ${await tokenFor(['other-park'])}` } });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ message: 'your token does not name park "demo-park"' });
    const listed = await fetch(`http://127.0.0.1:${carbon.port}/api/parks`, { headers: { authorization: `Bearer ${await tokenFor(['other-park'])}` } });
    expect(await listed.json()).toEqual({ parks: ['other-park'] });
  });

  it('should refuse a WebSocket without a token, with a bad token, or from an origin it does not allow', async () => {
    const refusal = async (options: Parameters<typeof io>[1]): Promise<string> => {
      const socket = io(`http://127.0.0.1:${carbon.port}`, { transports: ['websocket'], reconnection: false, ...options });
      try {
        return await new Promise<string>((resolve, reject) => {
          socket.once('connect_error', (error) => resolve(error.message));
          socket.once('connect', () => reject(new Error('the handshake was accepted')));
        });
      } finally {
        socket.close();
      }
    };
    expect(await refusal({})).toContain('an access token is required');
    expect(await refusal({ auth: { token: 'forged' } })).toContain('not valid here');
    expect(await refusal({ auth: { token: await tokenFor(['demo-park']) }, extraHeaders: { origin: 'https://evil.example.net' } })).toBe(
      'origin https://evil.example.net is not allowed: add it to CARBON_ALLOWED_ORIGINS',
    );
  });

  it("should answer the history of a building's figure from the carbon series", async () => {
    const authorization = `Bearer ${await tokenFor(['demo-park'])}`;
    const from = new Date(Date.now() - 3 * HOUR).toISOString();
    const to = new Date(Date.now() + HOUR).toISOString();
    const url = `http://127.0.0.1:${carbon.port}/api/parks/demo-park/history?figure=electricityKwh&building=LAB&resolution=1h&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    // written every second: the 12.5 kWh of the LAB counter, summed over the hours
    await expect
      .poll(async () => {
        const answer = (await (await fetch(url, { headers: { authorization } })).json()) as { points: { value: number }[] };
        return answer.points.reduce((sum, point) => sum + point.value, 0);
      }, { timeout: 5000 })
      .toBeCloseTo(12.5, 6);
  });

  it("should write a gateway's backlog of months to the carbon series, minute by minute, answering while it catches up", async () => {
    // H1-MAIN was silent for 99 days: 9900 kWh over 142 560 minutes, each older than the live window
    const days = 99;
    const [first, last] = [Date.now() - (days + 1) * 24 * HOUR, Date.now() - 24 * HOUR];
    await publishBatch({ v: 1, park: 'other-park', gateway: 'gw-h1', seq: 1, receivedAt: Date.now(), readings: [{ meter: 'H1-MAIN', building: 'H1', role: 'building_submeter', carrier: 'electricity', ts: first, values: { energy_import_kwh: 0 } }] });
    await publishBatch({ v: 1, park: 'other-park', gateway: 'gw-h1', seq: 2, receivedAt: Date.now(), readings: [{ meter: 'H1-MAIN', building: 'H1', role: 'building_submeter', carrier: 'electricity', ts: last, values: { energy_import_kwh: 100 * days } }] });
    const authorization = `Bearer ${await tokenFor(['other-park'])}`;
    // the live snapshot is answered in the middle of the backlog, and says how much of it is left
    const backlogLeft = async () => ((await (await fetch(`http://127.0.0.1:${carbon.port}/api/parks/other-park/live`, { headers: { authorization } })).json()) as ParkSnapshot).quality.backlogMinutes;
    await expect.poll(backlogLeft, { timeout: 10_000, interval: 50 }).toBeGreaterThan(0);
    await expect.poll(backlogLeft, { timeout: 30_000, interval: 500 }).toBe(0);
    // reported done only once written: the history asked at once holds all of it, and says it is complete past it
    const url = `http://127.0.0.1:${carbon.port}/api/parks/other-park/history?figure=electricityKwh&building=H1&resolution=1d&from=${first - 24 * HOUR}&to=${Date.now()}`;
    const answer = (await (await fetch(url, { headers: { authorization } })).json()) as { completeThrough: number | null; points: { value: number | null }[] };
    expect(answer.points.reduce((sum, point) => sum + (point.value ?? 0), 0)).toBeCloseTo(100 * days, 6);
    expect(answer.completeThrough).toBeGreaterThanOrEqual(last);
  }, 70_000);

  it('should explain a history query it cannot answer, parameter by parameter', async () => {
    const authorization = `Bearer ${await tokenFor(['demo-park'])}`;
    const response = await fetch(`http://127.0.0.1:${carbon.port}/api/parks/demo-park/history?figure=co2&from=1764300000&to=2026-11-28T10:00:00&resolution=1m`, { headers: { authorization } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string[] }).message).toEqual([
      'from: looks like epoch seconds: send epoch milliseconds (seconds × 1000) or ISO 8601',
      'to: has no time zone offset: end it with "Z" or an offset such as "+08:00"',
    ]);
  });

  it('should serve the factor table and the OpenAPI document', async () => {
    const authorization = `Bearer ${await tokenFor(['demo-park'])}`;
    const table = (await (await fetch(`http://127.0.0.1:${carbon.port}/api/factors`, { headers: { authorization } })).json()) as { tableVersion: string; grid: { region: string; year: number; kgCo2PerKwh: string }[] };
    expect(table.tableVersion).toBe('cn-mee-nbs-2023.2');
    expect(table.grid).toContainEqual(expect.objectContaining({ region: 'east-china', year: 2023, kgCo2PerKwh: '0.5500' }));
    const park = (await (await fetch(`http://127.0.0.1:${carbon.port}/api/parks/demo-park/factors`, { headers: { authorization } })).json()) as { factorSetVersion: string };
    expect(park.factorSetVersion).toBe('cn-mee-nbs-2023.2');
    const openApi = (await (await fetch(`http://127.0.0.1:${carbon.port}/api/docs-json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openApi.paths)).toEqual(expect.arrayContaining(['/api/parks', '/api/parks/{parkId}/live', '/api/parks/{parkId}/history', '/api/factors']));
  });

  it('should take a live grid intensity from the bus for the parks of its region, and refuse a wrong one', async () => {
    const publish = (topic: string, payload: unknown) => service.publish(topic, JSON.stringify(payload), true);
    const now = Date.now();
    await publish('grids/east-china/intensity', { v: 1, kgCo2PerKwh: 480, from: now - HOUR, to: now + HOUR, source: 'g/kWh by mistake' });
    await publish('grids/east-china/intensity', { v: 1, kgCo2PerKwh: 0.48, from: now - HOUR, to: now + HOUR, source: 'East China dispatch' });
    const authorization = `Bearer ${await tokenFor(['demo-park'])}`;
    const factorOf = async () => ((await (await fetch(`http://127.0.0.1:${carbon.port}/api/parks/demo-park/live`, { headers: { authorization } })).json()) as ParkSnapshot).factor;
    await expect.poll(async () => (await factorOf()).grid.origin, { timeout: 3000 }).toBe('live-feed');
    expect(await factorOf()).toMatchObject({ grid: { kgCo2PerKwh: 0.48, source: 'East China dispatch', year: null }, factorSetVersion: 'cn-mee-nbs-2023.2+live' });
  });

  it('should refuse a bus message that is not an accepted batch, and a batch of a park it does not hold, counting each', async () => {
    const publishText = (topic: string, text: string) => service.publish(topic, text);
    const reading = { meter: 'H1-MAIN', building: 'H1', role: 'building_submeter', carrier: 'electricity', ts: Date.now(), values: { energy_import_kwh: 1 } };
    await publishText(acceptedTopic('other-park'), JSON.stringify({ v: 1, park: 'other-park', gateway: 'gw-h1', seq: 3, receivedAt: Date.now(), readings: [{ ...reading, role: 'GRID' }] }));
    await publishText(acceptedTopic('other-park'), '{"v":1,');
    await publishText(acceptedTopic('nowhere-park'), JSON.stringify({ v: 1, park: 'nowhere-park', gateway: 'gw-h1', seq: 1, receivedAt: Date.now(), readings: [reading] }));
    await expect
      .poll(async () => (await (await fetch(`http://127.0.0.1:${carbon.port}/metrics`)).text()).match(/^zeropark_carbon_batches_refused_total (\d+)$/m)?.[1], { timeout: 5_000 })
      .toBe('3');
  });

  it('should count what it did in /metrics', async () => {
    const metrics = await (await fetch(`http://127.0.0.1:${carbon.port}/metrics`)).text();
    // three batches of the demo park, two of the other park's backlog
    expect(metrics).toMatch(/^zeropark_carbon_batches_received_total 5$/m);
    expect(metrics).toMatch(/^zeropark_carbon_handshakes_refused_total\{reason="token"\} 2$/m);
    expect(metrics).toMatch(/^zeropark_carbon_handshakes_refused_total\{reason="origin"\} 1$/m);
    expect(metrics).toMatch(/^zeropark_carbon_joins_refused_total 1$/m);
    expect(metrics).toMatch(/^zeropark_carbon_grid_intensities_received_total 1$/m);
    expect(metrics).toMatch(/^zeropark_carbon_grid_intensities_refused_total 1$/m);
    expect(metrics).toMatch(/^zeropark_carbon_bus_connected 1$/m);
    // the other park's backlog, all caught up
    expect(metrics).toMatch(/^zeropark_carbon_backlog_minutes\{park="other-park"\} 0$/m);
    // the pushed snapshots went to the dashboard as ready frames (CARBON_DIRECT_FRAMES=on, the default)
    expect(metrics).toMatch(/^zeropark_carbon_dashboard_frames_total\{path="direct"\} [1-9]\d*$/m);
  });
});
