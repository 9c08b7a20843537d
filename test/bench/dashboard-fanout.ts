import type { ClientToServerEvents, ServerToClientEvents } from '@zeropark/contracts';
import { freePort, processCpuSeconds, processRssBytes as rssBytes } from '@zeropark/test-servers';
import mqtt from 'mqtt';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { MARKER, type LoadPark } from '../support/load-park.js';
import type { BenchPlatform } from './bench-platform.js';

export interface Fanout {
  clients: number;
  /** Frames sent to each client per second (Socket.IO: snapshots pushed; raw: the server's sends). */
  sendsPerSecond: number;
  /** Frames the clients received per second, all together. */
  framesPerSecond: number;
  /** CPU of the sending process, in cores. */
  cores: number;
  /** Resident memory of the sending process per client, bytes. */
  rssBytesPerClient: number;
  /** Heartbeat pings each client received in the measured window, on average. */
  pingsPerClient: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * How long both servers send before their CPU is counted: a service runs for days, and its first
 * seconds of sending (code not yet optimized, a young generation not yet grown) cost clearly more
 * CPU than the steady state that follows, which is what a dashboard server spends its days in.
 */
const WARM_UP_MS = 10_000;

async function inBatches<T>(count: number, size: number, make: (index: number) => Promise<T>): Promise<T[]> {
  const made: T[] = [];
  for (let start = 0; start < count; start += size) made.push(...(await Promise.all(Array.from({ length: Math.min(size, count - start) }, (_, offset) => make(start + offset)))));
  return made;
}

/**
 * `clients` dashboards joined to one park's room while its figures change every 200 ms, so the
 * carbon service pushes a snapshot a second to each: frames received and the service's CPU.
 * Returns also the frame it pushed, for the raw `ws` peer to send the same bytes.
 */
export async function measureSocketIoFanout(platform: BenchPlatform, park: LoadPark, clients: number, seconds: number): Promise<Fanout & { frame: string }> {
  const token = await platform.token();
  const rssBefore = rssBytes(platform.carbon.process.pid);
  let frames = 0;
  let pings = 0;
  let frame = '';
  let counting = false;
  const pushes = new Set<number>();
  const sockets = await inBatches(clients, 250, async () => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(platform.carbonUrl, { transports: ['websocket'], auth: { token }, forceNew: true, reconnection: false });
    socket.io.on('ping', () => {
      if (counting) pings += 1;
    });
    socket.on('park:snapshot', (snapshot) => {
      frames += 1;
      if (counting) pushes.add(snapshot.at);
      if (frame === '') frame = `42${JSON.stringify(['park:snapshot', snapshot])}`;
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const joined = await socket.emitWithAck('park:join', park.parkId);
    if (!joined.ok) throw new Error(joined.reason);
    return socket;
  });
  const marker = await mqtt.connectAsync(platform.mqttUrl, { clientId: 'bench-fanout-marker', username: MARKER.gateway, password: MARKER.secret, reconnectPeriod: 0 });
  let value = 0;
  const changes = setInterval(() => {
    value += 1;
    void marker.publishAsync(`parks/${park.parkId}/gateways/${MARKER.gateway}/readings`, JSON.stringify({ v: 1, seq: value, readings: [{ meter: MARKER.meter, ts: Date.now(), values: { power_kw: value } }] }), { qos: 1 });
  }, 200);
  await sleep(WARM_UP_MS);
  process.stderr.write(`bench:live ${clients} dashboards joined; measuring\n`);
  counting = true;
  const [framesBefore, cpuBefore, started] = [frames, platform.carbonCpuSeconds(), performance.now()];
  await sleep(seconds * 1000);
  const elapsed = (performance.now() - started) / 1000;
  counting = false;
  const result = {
    clients,
    sendsPerSecond: pushes.size / elapsed,
    framesPerSecond: (frames - framesBefore) / elapsed,
    cores: (platform.carbonCpuSeconds() - cpuBefore) / elapsed,
    rssBytesPerClient: (rssBytes(platform.carbon.process.pid) - rssBefore) / clients,
    pingsPerClient: pings / clients,
    frame,
  };
  clearInterval(changes);
  await marker.endAsync();
  for (const socket of sockets) socket.close();
  return result;
}

/**
 * The heartbeat of the carbon service's Socket.IO server: engine.io's default `pingInterval`,
 * which the service keeps. Each of 10 000 dashboards gets a ping and sends a pong that often.
 */
export const SOCKET_IO_PING_INTERVAL_MS = 25_000;

/**
 * The same frame sent once a second to `clients` bare `ws` clients by a bare `ws` server, which
 * pings each client every `heartbeatMs` (0: never) to find broken connections.
 */
export async function measureRawWsFanout(dir: string, frame: string, clients: number, seconds: number, heartbeatMs: number): Promise<Fanout> {
  const frameFile = join(dir, 'frame.txt');
  writeFileSync(frameFile, frame);
  const port = await freePort();
  const server = spawn(process.execPath, [join(import.meta.dirname, 'raw-ws-broadcaster.mjs'), String(port), frameFile, String(heartbeatMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await once(server.stdout!, 'data');
  try {
    const rssBefore = rssBytes(server.pid);
    let frames = 0;
    let pings = 0;
    let counting = false;
    const sockets = await inBatches(clients, 250, async () => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}`);
      socket.on('message', (data) => {
        frames += 1;
        JSON.parse(data.toString().slice(2)); // the client reads it, as a Socket.IO client does
      });
      socket.on('ping', () => {
        if (counting) pings += 1;
      });
      await once(socket, 'open');
      return socket;
    });
    await sleep(WARM_UP_MS);
    counting = true;
    const [framesBefore, cpuBefore, started] = [frames, processCpuSeconds(server.pid), performance.now()];
    await sleep(seconds * 1000);
    const elapsed = (performance.now() - started) / 1000;
    counting = false;
    const result = {
      clients,
      sendsPerSecond: 1,
      framesPerSecond: (frames - framesBefore) / elapsed,
      cores: (processCpuSeconds(server.pid) - cpuBefore) / elapsed,
      rssBytesPerClient: (rssBytes(server.pid) - rssBefore) / clients,
      pingsPerClient: pings / clients,
    };
    for (const socket of sockets) socket.close();
    return result;
  } finally {
    server.kill('SIGTERM');
    await once(server, 'exit');
  }
}
