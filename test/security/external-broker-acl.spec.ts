import { freePort, type InfluxdbServer, type MosquittoServer, startInfluxdb, temporaryDirectory } from '@zeropark/test-servers';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUS_BROKER_PASSWORD, FEED_BROKER_PASSWORD, startShippedMosquitto } from '../support/external-broker-setup.js';
import { externalIngestOnInfluxdb, startIngestProcess, type IngestProcess } from '../support/ingest-process.js';
import { ingestMetric } from '../support/ingest-metrics.js';
import { writeLoadPark, type LoadPark } from '../support/load-park.js';

/**
 * With an external broker the broker's ACL is the guard: the shipped Mosquitto files, made from
 * the registry, must keep each gateway to its own topics. Mosquitto answers a denied MQTT 3.1.1
 * publish with a PUBACK all the same (3.1.1 has no negative PUBACK), so "refused" here means:
 * nothing of it reaches the ingest or the store.
 */
describe('gateways attacking through the shipped Mosquitto ACL', () => {
  let influx: InfluxdbServer;
  let mosquitto: MosquittoServer;
  let ingest: IngestProcess;
  let park: LoadPark;
  let httpPort: number;
  const clients: MqttClient[] = [];

  function connect(username: string, password: string): Promise<MqttClient> {
    const client = mqtt.connect(mosquitto.url, { username, password, reconnectPeriod: 0, clientId: `${username}-${clients.length}` });
    clients.push(client);
    return new Promise((resolve, reject) => {
      client.once('connect', () => resolve(client));
      client.once('error', reject);
    });
  }

  beforeAll(async () => {
    const dir = temporaryDirectory('acl');
    park = await writeLoadPark(dir, 2, 2);
    influx = await startInfluxdb();
    mosquitto = await startShippedMosquitto(dir, park, ['acl']);
    httpPort = await freePort();
    ingest = await startIngestProcess(
      externalIngestOnInfluxdb({ registryFile: park.registryFile, dataDir: dir, influxUrl: influx.url, database: 'acl', brokerUrl: mosquitto.url, instance: 'acl' }),
      httpPort,
    );
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.endAsync(true)));
    await ingest?.kill('SIGTERM');
    await mosquitto?.stop();
    await influx?.stop();
  });

  /** A publish ends with its PUBACK, or with the broker closing the connection. */
  function publishOrClosed(client: MqttClient, topic: string, payload: string): Promise<'acknowledged' | 'closed'> {
    return Promise.race([
      client.publishAsync(topic, payload, { qos: 1 }).then(() => 'acknowledged' as const),
      new Promise<'closed'>((resolve) => client.once('close', () => resolve('closed'))),
    ]);
  }

  const [gw0, gw1] = [0, 1];
  const reading = (meter: string, ts: number) => JSON.stringify({ v: 1, seq: ts, readings: [{ meter, ts, values: { power_kw: 7 } }] });

  it('should carry a gateway\'s own readings to the ingest', async () => {
    const own = park.gateways[gw0]!;
    const client = await connect(own.id, own.secret);
    await client.publishAsync(`parks/${park.parkId}/gateways/${own.id}/readings`, reading(own.meters[0]!, Date.now() - 1000), { qos: 1 });
    await expect.poll(() => ingestMetric(httpPort, 'zeropark_ingest_readings_accepted_total')).toBe(1);
  });

  it('should refuse a wrong password', async () => {
    await expect(connect(park.gateways[gw0]!.id, 'not-the-secret')).rejects.toThrow(/not authori[sz]ed|bad user ?name or password/i);
  });

  it('should keep a gateway from writing under another gateway: nothing reaches the ingest or the store', async () => {
    const [attacker, victim] = [park.gateways[gw0]!, park.gateways[gw1]!];
    const client = await connect(attacker.id, attacker.secret);
    const before = await ingestMetric(httpPort, 'zeropark_ingest_readings_accepted_total');
    const ts = Date.now() - 2000;
    // Mosquitto 2.0.11 acknowledges both (seen here); a broker may close the connection instead
    await publishOrClosed(client, `parks/${park.parkId}/gateways/${victim.id}/readings`, reading(victim.meters[0]!, ts));
    await publishOrClosed(await connect(attacker.id, attacker.secret), `zeropark/v1/accepted/${park.parkId}`, '{"forged":true}');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await ingestMetric(httpPort, 'zeropark_ingest_readings_accepted_total')).toBe(before);
    const stored = await influx.query(`SELECT count(power_kw) FROM reading WHERE meter = '${victim.meters[0]!}'`, 'acl');
    expect(stored.results[0]?.series).toBeUndefined();
  });

  it('should show a gateway subscribed to everything nothing but its own rejections', async () => {
    const [spy, other] = [park.gateways[gw0]!, park.gateways[gw1]!];
    const client = await connect(spy.id, spy.secret);
    const seen: string[] = [];
    client.on('message', (topic) => seen.push(topic));
    await client.subscribeAsync(['#', 'zeropark/#', `parks/${park.parkId}/gateways/${other.id}/#`], { qos: 1 });
    const sender = await connect(other.id, other.secret);
    await sender.publishAsync(`parks/${park.parkId}/gateways/${other.id}/readings`, reading(other.meters[0]!, Date.now() - 3000), { qos: 1 });
    await sender.publishAsync(`parks/${park.parkId}/gateways/${other.id}/readings`, '{not json', { qos: 1 }); // its rejection goes to `other` only
    await expect.poll(() => ingestMetric(httpPort, 'zeropark_ingest_batches_rejected_total')).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(seen).toEqual([]);
  });

  it('should carry the feed account\'s grid intensity to the carbon service, and no gateway\'s', async () => {
    const carbon = await connect('zeropark-bus', BUS_BROKER_PASSWORD);
    const seen: string[] = [];
    carbon.on('message', (_topic, payload) => seen.push(payload.toString()));
    await carbon.subscribeAsync('grids/+/intensity', { qos: 1 });
    const forger = park.gateways[gw0]!;
    await publishOrClosed(await connect(forger.id, forger.secret), 'grids/east-china/intensity', '{"forged":true}');
    const feed = await connect('zeropark-feed', FEED_BROKER_PASSWORD);
    await feed.publishAsync('grids/east-china/intensity', '{"from":"feed"}', { qos: 1 });
    await expect.poll(() => seen, { timeout: 3000 }).toEqual(['{"from":"feed"}']);
  });
});
