import { BUS_USERNAME } from '@zeropark/contracts';
import type { MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, SPEC_BUS_SECRET, startSpecIngest, type SpecIngest } from './spec-ingest.fixture.js';

/**
 * A client id belongs to one identity (docs/gateway-protocol.md, "Client ids"): the id that names
 * a gateway is that gateway's alone, and any other id is kept apart per identity, so no one can
 * take a gateway's session or lock it out, whether the gateway is online or not.
 */
describe('client ids on the embedded broker', () => {
  let spec: SpecIngest;
  const clients: MqttClient[] = [];
  const connect = async (username: string, password: string, clientId: string) => {
    const client = await connectClient(spec.port, { username, password, clientId });
    clients.push(client);
    return client;
  };
  const asG1 = (clientId: string) => connect('g1', 'g1-secret', clientId);
  const asG2 = (clientId: string) => connect('g2', 'g2-secret', clientId);

  beforeAll(async () => {
    spec = await startSpecIngest();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.endAsync(true)));
  });
  afterAll(() => spec.ingest.stop());

  it("should refuse a gateway that connects with another gateway's id while that gateway is online, and keep the owner", async () => {
    const owner = await asG2('g2');
    await expect(asG1('g2')).rejects.toMatchObject({ code: 2 }); // identifier rejected [MQTT-3.2.2-3]
    expect(owner.connected).toBe(true);
  });

  it("should refuse a gateway that connects with another gateway's id while that gateway is offline, and let the owner in after", async () => {
    await expect(asG1('g2')).rejects.toMatchObject({ code: 2 });
    await expect(asG1('p1/g2')).rejects.toMatchObject({ code: 2 });
    const owner = await asG2('g2');
    expect(owner.connected).toBe(true);
  });

  it("should refuse a service account that connects with a gateway's id", async () => {
    await expect(connect(BUS_USERNAME, SPEC_BUS_SECRET, 'g1')).rejects.toMatchObject({ code: 2 });
  });

  it('should let a gateway connect with its own id, bare or as park/gateway', async () => {
    expect((await asG1('g1')).connected).toBe(true);
    expect((await asG1('p1/g1')).connected).toBe(true);
  });

  it('should keep a free-form id that two gateways both use apart: the one online first is not refused, nor taken over', async () => {
    const first = await asG2('sim-p1-g2');
    const second = await asG1('sim-p1-g2');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect([first.connected, second.connected]).toEqual([true, true]);
  });

  it('should never lock a gateway out of a free-form id another gateway took while it was offline', async () => {
    const squatter = await asG1('sim-p1-g2');
    const owner = await asG2('sim-p1-g2');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect([squatter.connected, owner.connected]).toEqual([true, true]);
  });

  it('should keep a service account and a gateway using the same free-form id apart', async () => {
    const bus = await connect(BUS_USERNAME, SPEC_BUS_SECRET, 'zeropark-carbon');
    const gateway = await asG1('zeropark-carbon');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect([bus.connected, gateway.connected]).toEqual([true, true]);
  });

  it('should let a gateway take over its own session on a new connection [MQTT-3.1.4-2]', async () => {
    const first = await asG2('g2');
    const closed = new Promise<void>((resolve) => first.once('close', () => resolve()));
    const second = await asG2('g2');
    await closed;
    expect([first.connected, second.connected]).toEqual([false, true]);
  });
});
