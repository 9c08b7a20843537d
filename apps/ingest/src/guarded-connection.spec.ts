import { generate } from 'mqtt-packet';
import { once } from 'node:events';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GuardedConnection } from './guarded-connection.js';

/** A real loopback connection: the server's end wrapped, the client's end raw. */
async function connectionPair(maxPacketBytes: number): Promise<{ server: Server; client: Socket; serverSocket: Socket; guarded: GuardedConnection; refusals: Error[] }> {
  const refusals: Error[] = [];
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  const accepted = once(server, 'connection') as Promise<[Socket]>;
  const client = connect(address.port, '127.0.0.1');
  const [serverSocket] = await accepted;
  const guarded = new GuardedConnection(serverSocket, maxPacketBytes, (problem) => refusals.push(problem));
  return { server, client, serverSocket, guarded, refusals };
}

describe(GuardedConnection.name, () => {
  let pair: Awaited<ReturnType<typeof connectionPair>> | undefined;
  afterEach(async () => {
    pair?.client.destroy();
    pair?.guarded.destroy();
    await new Promise((resolve) => pair?.server.close(resolve));
    pair = undefined;
  });

  it('should pass the packets under the limit through, in order', async () => {
    pair = await connectionPair(4096);
    const bytes = Buffer.concat([generate({ cmd: 'pingreq' }), generate({ cmd: 'publish', topic: 't', payload: Buffer.alloc(3000, 7), qos: 0, retain: false, dup: false })]);
    const received: Buffer[] = [];
    pair.guarded.on('data', (chunk: Buffer) => received.push(chunk));
    pair.client.end(bytes);
    await once(pair.guarded, 'end');
    expect(Buffer.concat(received).equals(bytes)).toBe(true);
  });

  it('should close the connection and say why when a packet announces more than the limit', async () => {
    pair = await connectionPair(1024);
    const closed = once(pair.client, 'close');
    pair.client.write(generate({ cmd: 'publish', topic: 't', payload: Buffer.alloc(2000), qos: 0, retain: false, dup: false }));
    await closed;
    expect(pair.refusals.map((problem) => problem.message)).toEqual([expect.stringMatching(/^an MQTT packet of 20\d\d bytes is over the limit of 1024$/)]);
    expect(pair.guarded.destroyed).toBe(true);
  });

  it('should send the pieces written in one turn of the event loop in one socket write', async () => {
    pair = await connectionPair(4096);
    const socketWrite = pair.serverSocket.write.bind(pair.serverSocket);
    const writes: number[] = [];
    pair.serverSocket.write = ((chunk: Buffer, ...rest: never[]) => {
      writes.push(chunk.length);
      return socketWrite(chunk, ...rest);
    }) as Socket['write'];
    const received: Buffer[] = [];
    pair.client.on('data', (chunk: Buffer) => received.push(chunk));
    // how mqtt-packet writes two PUBACKs: three pieces each, corked until the next tick
    pair.guarded.cork();
    for (const messageId of [1, 2]) {
      pair.guarded.write(Buffer.from([0x40]));
      pair.guarded.write(Buffer.from([0x02]));
      pair.guarded.write(Buffer.from([0, messageId]));
    }
    process.nextTick(() => pair?.guarded.uncork());
    while (Buffer.concat(received).length < 8) await once(pair.client, 'data');
    expect(writes).toEqual([8]);
    expect(Buffer.concat(received)).toEqual(Buffer.from([0x40, 0x02, 0, 1, 0x40, 0x02, 0, 2]));
  });
});
