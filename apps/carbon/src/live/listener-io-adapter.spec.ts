import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { from, isObservable, mergeAll, of, type Observable } from 'rxjs';
import type { Server, Socket } from 'socket.io';
import { io, type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { ListenerIoAdapter } from './listener-io-adapter.js';

/** What Nest's WebSocketsController passes as `transform`: the handler's result, awaited, as an observable. */
const nestTransform = (result: unknown): Observable<unknown> =>
  from(Promise.resolve(result).then((value: unknown) => (isObservable(value) ? value : of(value)))).pipe(mergeAll());

describe(ListenerIoAdapter.name, () => {
  let http: HttpServer;
  let server: Server;
  let client: ClientSocket;

  async function connectWith(handlers: Parameters<ListenerIoAdapter['bindMessageHandlers']>[1]): Promise<ClientSocket> {
    http = createServer();
    const adapter = new ListenerIoAdapter(http);
    server = adapter.create(0) as Server;
    server.on('connection', (socket: Socket) => adapter.bindMessageHandlers(socket, handlers, nestTransform));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    client = io(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
    return client;
  }

  afterEach(async () => {
    client?.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('should answer through the acknowledgement what a handler returns, resolved', async () => {
    await connectWith([{ message: 'park:join', methodName: 'join', isAckHandledManually: false, callback: async (parkId: unknown) => ({ ok: true, parkId }) }]);
    expect(await client.emitWithAck('park:join', 'demo-park')).toEqual({ ok: true, parkId: 'demo-park' });
  });

  it('should send an event when a handler returns one', async () => {
    await connectWith([{ message: 'ping', methodName: 'ping', isAckHandledManually: false, callback: async () => ({ event: 'pong', data: 42 }) }]);
    const pong = new Promise((resolve) => client.once('pong', resolve));
    client.emit('ping');
    expect(await pong).toBe(42);
  });

  it('should hand the handler the acknowledgement when it answers by hand', async () => {
    const callback = async (_data: unknown, ack: (answer: string) => void) => {
      ack('by hand');
      return 'not sent';
    };
    await connectWith([{ message: 'ask', methodName: 'ask', isAckHandledManually: true, callback }]);
    expect(await client.emitWithAck('ask', 1)).toBe('by hand');
  });
});
