import type { MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CLIENT_ID_LENGTH } from './client-id-policy.js';
import { LOGGED_STRING_MAX } from './log-bound.js';
import { connectClient, startSpecIngest, type SpecIngest } from './spec-ingest.fixture.js';

/** MQTT 3.1.1 promises 23 characters of client id [MQTT-3.1.3-5]; the ingest takes 256 and no more. */
describe('client id length on the embedded broker', () => {
  let spec: SpecIngest;
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    spec = await startSpecIngest();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.endAsync(true)));
  });
  afterAll(() => spec.ingest.stop());

  it('should take a client id of 256 characters', async () => {
    expect(MAX_CLIENT_ID_LENGTH).toBe(256);
    const client = await connectClient(spec.port, { username: 'g1', password: 'g1-secret', clientId: 'x'.repeat(256) });
    clients.push(client);
    expect(client.connected).toBe(true);
  });

  it('should refuse a client id of 257 characters, and one of 65 000, with CONNACK 2', async () => {
    await expect(connectClient(spec.port, { username: 'g1', password: 'g1-secret', clientId: 'x'.repeat(257) })).rejects.toMatchObject({ code: 2 });
    await expect(connectClient(spec.port, { username: 'g1', password: 'g1-secret', clientId: 'y'.repeat(65_000) })).rejects.toMatchObject({ code: 2 });
  });

  it('should write no client-supplied string whole into the log: client ids, user names and topics are cut and marked', async () => {
    const long = (mark: string) => mark.repeat(65_000);
    await expect(connectClient(spec.port, { username: 'g1', password: 'g1-secret', clientId: long('c') })).rejects.toMatchObject({ code: 2 });
    await expect(connectClient(spec.port, { username: long('u'), password: 'wrong', clientId: 'short' })).rejects.toMatchObject({ code: 4 });
    const client = await connectClient(spec.port, { username: 'g1', password: 'g1-secret', clientId: 'g1' });
    clients.push(client);
    await client.subscribeAsync(`parks/p1/gateways/${long('t')}/rejected`, { qos: 1 }).catch(() => undefined); // refused by the ACL
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.publish(`parks/p1/${long('p')}`, 'x', { qos: 1 }); // refused by the ACL: disconnected
    await closed;
    const lines = spec.logLines();
    const strings = lines.flatMap((line) => Object.values(line).filter((value): value is string => typeof value === 'string'));
    for (const mark of ['c', 'u', 't', 'p']) {
      const logged = strings.filter((value) => value.includes(mark.repeat(100)));
      expect(logged, `the log mentions the ${mark} string`).not.toEqual([]);
      for (const value of logged) expect(value).toMatch(new RegExp(`…\\[cut: \\d+ characters\\]$`));
    }
    expect(Math.max(...strings.map((value) => value.length))).toBeLessThan(LOGGED_STRING_MAX + 40);
  });
});
