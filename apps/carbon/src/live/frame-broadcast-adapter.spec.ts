import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { io, type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { FrameBroadcastAdapter, type FrameCount } from './frame-broadcast-adapter.js';

/** Counts as the Prometheus counter does, by path. */
function frameCount(): FrameCount & { direct: number; engine: number } {
  return {
    direct: 0,
    engine: 0,
    inc({ path }, value) {
      this[path] += value;
    },
  };
}

describe(FrameBroadcastAdapter.name, () => {
  let http: HttpServer;
  let server: Server;
  const clients: ClientSocket[] = [];
  const serverSockets: Socket[] = [];

  async function start(frames: FrameCount): Promise<void> {
    http = createServer();
    server = new Server(http, { adapter: FrameBroadcastAdapter.countingInto(frames) });
    server.on('connection', (socket) => serverSockets.push(socket));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  }

  async function connect(transport: 'websocket' | 'polling'): Promise<{ client: ClientSocket; socket: Socket }> {
    const client = io(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: [transport], reconnection: false, forceNew: true });
    clients.push(client);
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
    const socket = serverSockets.find((candidate) => candidate.id === client.id);
    if (socket === undefined) throw new Error('no server socket for the client');
    return { client, socket };
  }

  /** Events a client receives, in order. */
  function received(client: ClientSocket): unknown[][] {
    const events: unknown[][] = [];
    client.onAny((...event: unknown[]) => events.push(event));
    return events;
  }

  async function until(condition: () => boolean): Promise<void> {
    for (let waited = 0; !condition(); waited += 10) {
      if (waited > 5000) throw new Error('waited 5 s in vain');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    serverSockets.length = 0;
    await new Promise((resolve) => server.close(resolve));
  });

  it('should hand a room broadcast to each WebSocket client of the room as a ready frame', async () => {
    const frames = frameCount();
    await start(frames);
    const inRoom = await Promise.all([connect('websocket'), connect('websocket'), connect('websocket')]);
    const outside = await connect('websocket');
    for (const { socket } of inRoom) await socket.join('park:demo');
    const inbox = inRoom.map(({ client }) => received(client));
    const outsideInbox = received(outside.client);

    server.to('park:demo').emit('park:snapshot', { parkId: 'demo', powerKw: 84.2 });
    server.to('park:demo').emit('park:snapshot', { parkId: 'demo', powerKw: 85 });

    await until(() => inbox.every((events) => events.length === 2));
    for (const events of inbox) {
      expect(events).toEqual([
        ['park:snapshot', { parkId: 'demo', powerKw: 84.2 }],
        ['park:snapshot', { parkId: 'demo', powerKw: 85 }],
      ]);
    }
    expect(frames).toMatchObject({ direct: 6, engine: 0 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(outsideInbox).toEqual([]);
  });

  it('should not let a broadcast overtake a packet engine.io is still writing to the same client', async () => {
    const frames = frameCount();
    await start(frames);
    const { client, socket } = await connect('websocket');
    await socket.join('park:demo');
    const events = received(client);

    // one turn: the first emit leaves the transport busy until its write calls back, so the
    // broadcast queues behind it in engine.io, and the last emit behind the broadcast
    socket.emit('first', 1);
    server.to('park:demo').emit('second', 2);
    socket.emit('third', 3);

    await until(() => events.length === 3);
    expect(events).toEqual([
      ['first', 1],
      ['second', 2],
      ['third', 3],
    ]);
    expect(frames).toMatchObject({ direct: 0, engine: 1 });
  });

  it('should send a room broadcast the Socket.IO way to a client on HTTP long-polling', async () => {
    const frames = frameCount();
    await start(frames);
    const polling = await connect('polling');
    const websocket = await connect('websocket');
    await polling.socket.join('park:demo');
    await websocket.socket.join('park:demo');
    const [pollingInbox, websocketInbox] = [received(polling.client), received(websocket.client)];

    server.to('park:demo').emit('park:snapshot', { parkId: 'demo' });

    await until(() => pollingInbox.length === 1 && websocketInbox.length === 1);
    expect(pollingInbox).toEqual([['park:snapshot', { parkId: 'demo' }]]);
    expect(frames).toMatchObject({ direct: 1, engine: 1 });
  });

  it('should leave a broadcast to several rooms to Socket.IO, one frame a client', async () => {
    const frames = frameCount();
    await start(frames);
    const { client, socket } = await connect('websocket');
    await socket.join(['park:demo', 'building:demo:B07']);
    const events = received(client);

    server.to(['park:demo', 'building:demo:B07']).emit('park:snapshot', { parkId: 'demo' });
    socket.emit('after', 1);

    await until(() => events.length === 2);
    expect(events).toEqual([['park:snapshot', { parkId: 'demo' }], ['after', 1]]);
    expect(frames).toMatchObject({ direct: 0, engine: 0 });
  });

  it('should send nothing for a room nobody is in', async () => {
    const frames = frameCount();
    await start(frames);
    const { client } = await connect('websocket');
    const events = received(client);

    server.to('park:empty').emit('park:snapshot', { parkId: 'empty' });

    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events).toEqual([]);
    expect(frames).toMatchObject({ direct: 0, engine: 0 });
  });
});
