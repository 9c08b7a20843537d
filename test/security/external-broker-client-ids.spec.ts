import { type MosquittoServer, temporaryDirectory } from '@zeropark/test-servers';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { INGEST_BROKER_PASSWORD, startShippedMosquitto } from '../support/external-broker-setup.js';
import { writeLoadPark, type LoadPark } from '../support/load-park.js';

/**
 * A gateway connecting to the shipped Mosquitto with another gateway's client id. Mosquitto cannot
 * refuse it at CONNECT; with `use_username_as_clientid` (deploy/mosquitto/mosquitto.conf) it
 * replaces every client id with the user name, so the intruder connects as itself: it neither
 * disconnects the owner nor takes its session, whether the owner is online or not.
 */
describe("a gateway taking another gateway's client id on the shipped Mosquitto", () => {
  let mosquitto: MosquittoServer;
  let park: LoadPark;
  const clients: MqttClient[] = [];

  async function connect(options: IClientOptions): Promise<{ client: MqttClient; sessionPresent: boolean }> {
    const client = mqtt.connect(mosquitto.url, { reconnectPeriod: 0, ...options });
    clients.push(client);
    const connack = await new Promise<{ sessionPresent: boolean }>((resolve, reject) => {
      client.once('connect', resolve);
      client.once('error', reject);
    });
    return { client, sessionPresent: connack.sessionPresent };
  }

  beforeAll(async () => {
    const dir = temporaryDirectory('client-ids');
    park = await writeLoadPark(dir, 2, 1);
    mosquitto = await startShippedMosquitto(dir, park);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.endAsync(true)));
  });
  afterAll(() => mosquitto?.stop());

  const owner = () => park.gateways[1]!;
  const intruder = () => park.gateways[0]!;
  const rejected = () => `parks/${park.parkId}/gateways/${owner().id}/rejected`;

  it('should not disconnect the owner while it is online', async () => {
    const { client: online } = await connect({ clientId: owner().id, username: owner().id, password: owner().secret });
    const closed = new Promise<'closed'>((resolve) => online.once('close', () => resolve('closed')));
    await connect({ clientId: owner().id, username: intruder().id, password: intruder().secret });
    expect(await Promise.race([closed, new Promise((resolve) => setTimeout(() => resolve('still connected'), 1000))])).toBe('still connected');
  });

  it("should keep the owner's session, and what is queued in it, while the owner is offline", async () => {
    const first = await connect({ clientId: owner().id, username: owner().id, password: owner().secret, clean: false });
    await first.client.subscribeAsync(rejected(), { qos: 1 });
    await first.client.endAsync();
    const ingest = await connect({ clientId: 'zeropark-ingest-ingest-1', username: 'zeropark-ingest-ingest-1', password: INGEST_BROKER_PASSWORD });
    await ingest.client.publishAsync(rejected(), '{"queued":"for the owner"}', { qos: 1 }); // queued in the owner's session

    const squatter = await connect({ clientId: owner().id, username: intruder().id, password: intruder().secret, clean: false });
    expect(squatter.sessionPresent).toBe(false);
    await squatter.client.endAsync();

    const back = mqtt.connect(mosquitto.url, { reconnectPeriod: 0, clientId: owner().id, username: owner().id, password: owner().secret, clean: false });
    clients.push(back);
    const received = new Promise<string>((resolve) => back.on('message', (_topic, payload) => resolve(payload.toString())));
    const connack = await new Promise<{ sessionPresent: boolean }>((resolve, reject) => {
      back.once('connect', resolve);
      back.once('error', reject);
    });
    expect(connack.sessionPresent).toBe(true);
    expect(await received).toBe('{"queued":"for the owner"}');
  });
});
