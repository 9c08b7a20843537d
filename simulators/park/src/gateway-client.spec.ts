import { freePort } from '@zeropark/test-servers';
import { Aedes } from 'aedes';
import { createServer, type Server } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayClient } from './gateway-client.js';

describe(GatewayClient.name, () => {
  let broker: Aedes | undefined;
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
    await new Promise<void>((resolve) => (broker === undefined ? resolve() : broker.close(() => resolve())));
  });

  it('should drop a gateway that was still connecting once it is up, so that the broker sends its last will', async () => {
    const port = await freePort();
    const gateway = new GatewayClient('p1', 'gw1', 'secret', `mqtt://127.0.0.1:${port}`, pino({ level: 'silent' }));
    // the trip comes before the broker is even there: the gateway keeps trying to connect
    const dropped = gateway.dropConnection();
    broker = await Aedes.createBroker();
    const statuses: string[] = [];
    broker.on('publish', (packet) => {
      if (packet.topic === 'parks/p1/gateways/gw1/status') statuses.push(packet.payload.toString());
    });
    server = createServer(broker.handle);
    await new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve));
    await dropped;
    await expect.poll(() => statuses, { timeout: 5000 }).toEqual(['online', 'offline']);
    expect(gateway.connected).toBe(false);
  });
});
