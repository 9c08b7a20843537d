import type { ClientToServerEvents, ParkSnapshot, ServerToClientEvents, SessionEnd } from '@zeropark/contracts';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCarbonOnBus, type CarbonOnBus } from '../carbon-app.fixture.js';

type Dashboard = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What the service's /metrics says of one figure (a label in `name`, as Prometheus writes it). */
async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(text.split('\n').find((line) => line.startsWith(`${name} `))?.split(' ')[1] ?? 0);
}

// cases wait for a token to expire and for a flood to pass: seconds, more on a busy machine
describe('dashboard sessions: the token at the time of each request, and an event budget', { timeout: 20_000 }, () => {
  let service: CarbonOnBus;
  const sockets: Dashboard[] = [];

  async function connect(token: string): Promise<Dashboard> {
    const socket: Dashboard = io(service.url, { transports: ['websocket'], reconnection: false, auth: { token } });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  }
  const ended = (socket: Dashboard) =>
    Promise.all([new Promise<SessionEnd>((resolve) => socket.once('session:end', resolve)), new Promise<string>((resolve) => socket.once('disconnect', resolve))]);

  beforeAll(async () => {
    // the push interval of the spec service is 100 ms
    service = await startCarbonOnBus({ CARBON_MAX_EVENTS_PER_S: '20' });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => service?.stop());

  it("should end a session when its token expires, though the socket is open, and say why", async () => {
    const operator = await connect(await service.tokenFor(['demo-park'], 'operator', 3));
    expect(await operator.emitWithAck('park:join', 'demo-park')).toMatchObject({ ok: true });
    const [notice, reason] = await ended(operator);
    expect(notice).toEqual({ reason: 'token-expired', message: 'your access token has expired: sign in again with a new one' });
    expect(reason).toBe('io server disconnect');
    expect(await metric(service.url, 'zeropark_carbon_sessions_ended_total{reason="token-expired"}')).toBe(1);
  });

  it('should refuse a connection with an expired token at the handshake, saying so', async () => {
    const token = await service.tokenFor(['demo-park'], 'operator', 1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await expect(connect(token)).rejects.toThrow('the token has expired: ask for a new one');
  });

  it('should close a flooding connection and keep pushing to a normal one within its interval', async () => {
    const token = await service.tokenFor(['demo-park']);
    const normal = await connect(token);
    const gaps: number[] = [];
    let last: number | undefined;
    normal.on('park:snapshot', (snapshot: ParkSnapshot) => {
      const now = Date.now();
      if (last !== undefined) gaps.push(now - last);
      last = now;
      expect(snapshot.parkId).toBe('demo-park');
    });
    expect(await normal.emitWithAck('park:join', 'demo-park')).toMatchObject({ ok: true });
    // batches every 50 ms keep the park changing, so a snapshot is due every push interval (100 ms)
    let ts = Date.now();
    const feed = setInterval(() => {
      ts += 50;
      void service.publishBatch({ v: 1, park: 'demo-park', gateway: 'demo-gateway', seq: ts, receivedAt: ts, readings: [{ meter: 'LAB-MAIN', building: 'LAB', role: 'building_submeter', carrier: 'electricity', ts, values: { power_kw: ts % 100 } }] });
    }, 50);

    const flooder = await connect(token);
    const closed = ended(flooder);
    const answered: unknown[] = [];
    // about 5 000 events a second for 3 s: joins, leaves, refused joins, acknowledgements of nothing
    const flood = setInterval(() => {
      if (!flooder.connected) return;
      for (let index = 0; index < 50; index += 1) {
        flooder.emit('park:join', 'demo-park', (result) => answered.push(result));
        flooder.emit('park:leave', 'demo-park');
        flooder.emit('park:join', 'other-park', (result) => answered.push(result));
        flooder.emit('alert:acknowledge', 'demo-park', 'no-such-alert', (result) => answered.push(result));
        flooder.emit('alerts:leave', 'demo-park');
      }
    }, 50);
    const [notice] = await closed;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    clearInterval(flood);
    clearInterval(feed);

    expect(notice).toEqual({ reason: 'event-budget', message: 'more than 20 events a second (bursts of 80): the connection is closed' });
    // the burst and what the budget refilled while it lasted, not thousands
    expect(answered.length).toBeLessThanOrEqual(80);
    expect(normal.connected).toBe(true);
    expect(gaps.length).toBeGreaterThan(20);
    // the push interval (100 ms) plus 100 ms
    expect(Math.max(...gaps)).toBeLessThanOrEqual(200);
  });

  describe('on a service whose clock has passed the expiry before its timer fired', () => {
    let late: CarbonOnBus;
    let offset = 0;

    beforeAll(async () => {
      late = await startCarbonOnBus({}, { clock: () => Date.now() + offset });
    });
    afterAll(() => late?.stop());

    it('should judge each privileged event by the token as it stands at the time of the event', async () => {
      const operator: Dashboard = io(late.url, { transports: ['websocket'], reconnection: false, auth: { token: await late.tokenFor(['demo-park'], 'operator', 600) } });
      sockets.push(operator);
      await new Promise<void>((resolve) => operator.once('connect', () => resolve()));
      expect(await operator.emitWithAck('alerts:join', 'demo-park')).toMatchObject({ ok: true });
      // 11 minutes later by the service's clock: the 10-minute token has expired
      offset = 11 * 60_000;
      const refusal = { ok: false, reason: 'your token has expired: sign in again with a new one' };
      expect(await operator.emitWithAck('alert:acknowledge', 'demo-park', 'any-alert')).toEqual(refusal);
      expect(await operator.emitWithAck('park:join', 'demo-park')).toEqual(refusal);
      expect(await operator.emitWithAck('alerts:join', 'demo-park')).toEqual(refusal);
    });
  });
});
