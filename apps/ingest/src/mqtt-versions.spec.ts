import type { MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, startSpecIngest, type SpecIngest } from './spec-ingest.fixture.js';

/**
 * The embedded broker (aedes 1.2) speaks MQTT 3.1.1 and 3.1, and answers an MQTT 5 CONNECT with
 * return code 1, unacceptable protocol version [MQTT-3.1.2-2]; v5 gateways connect through an
 * external broker (test/e2e/mqtt5-gateway-through-mosquitto.spec.ts).
 */
describe('MQTT versions on the embedded broker', () => {
  let spec: SpecIngest;
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    spec = await startSpecIngest();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.endAsync(true)));
  });
  afterAll(() => spec.ingest.stop());

  it('should take a gateway speaking MQTT 3.1.1', async () => {
    const client = await connectClient(spec.port, { username: 'g1', password: 'g1-secret', clientId: 'g1', protocolVersion: 4 });
    clients.push(client);
    expect(client.connected).toBe(true);
  });

  it('should take a gateway speaking MQTT 3.1', async () => {
    const client = await connectClient(spec.port, { username: 'g1', password: 'g1-secret', clientId: 'g1', protocolId: 'MQIsdp', protocolVersion: 3 });
    clients.push(client);
    expect(client.connected).toBe(true);
  });

  it('should refuse a gateway speaking MQTT 5, and say in its log why and where v5 is taken', async () => {
    await expect(connectClient(spec.port, { username: 'g1', password: 'g1-secret', clientId: 'g1-v5', protocolVersion: 5 })).rejects.toThrow(/unacceptable protocol version|connection closed/i);
    await expect.poll(() => spec.logLines().find((line) => line.protocolVersion === 5)).toMatchObject({
      level: 40,
      clientId: 'g1-v5',
      msg: expect.stringMatching(/^connection refused: MQTT 5 .*3\.1\.1 and 3\.1.*external broker/) as string,
    });
  });
});
