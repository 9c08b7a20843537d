import { freePort, type InfluxdbServer, type MosquittoServer, startInfluxdb, temporaryDirectory } from '@zeropark/test-servers';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShippedMosquitto } from '../support/external-broker-setup.js';
import { ingestMetric } from '../support/ingest-metrics.js';
import { externalIngestOnInfluxdb, startIngestProcess, type IngestProcess } from '../support/ingest-process.js';
import { writeLoadPark, type LoadPark } from '../support/load-park.js';

/**
 * The embedded broker speaks MQTT 3.1.1 and 3.1 only (apps/ingest/src/mqtt-versions.spec.ts); a
 * gateway speaking MQTT 5 connects to Mosquitto instead, with the shipped configuration and the
 * generated password and ACL files, and its readings reach the store through the ingest's
 * external-broker mode (docs/gateway-protocol.md, "Connecting").
 */
describe('a gateway speaking MQTT 5 through Debian\'s Mosquitto', () => {
  let influx: InfluxdbServer;
  let mosquitto: MosquittoServer;
  let ingest: IngestProcess;
  let park: LoadPark;
  let httpPort: number;
  let gateway: MqttClient;

  beforeAll(async () => {
    const dir = temporaryDirectory('mqtt5');
    park = await writeLoadPark(dir, 2, 1);
    influx = await startInfluxdb();
    mosquitto = await startShippedMosquitto(dir, park, ['mqtt5']);
    httpPort = await freePort();
    ingest = await startIngestProcess(
      externalIngestOnInfluxdb({ registryFile: park.registryFile, dataDir: dir, influxUrl: influx.url, database: 'mqtt5', brokerUrl: mosquitto.url, instance: 'mqtt5' }),
      httpPort,
    );
    const own = park.gateways[0]!;
    gateway = await mqtt.connectAsync(mosquitto.url, { protocolVersion: 5, clientId: own.id, username: own.id, password: own.secret, reconnectPeriod: 0 });
  });

  afterAll(async () => {
    await gateway?.endAsync(true);
    await ingest?.kill('SIGTERM');
    await mosquitto?.stop();
    await influx?.stop();
  });

  it('should store the readings a v5 gateway publishes at QoS 1', async () => {
    const own = park.gateways[0]!;
    const ts = Date.now() - 60_000;
    const batch = { v: 1, seq: 1, readings: [{ meter: own.meters[0]!, ts, values: { power_kw: 55.5 } }] };
    await gateway.publishAsync(`parks/${park.parkId}/gateways/${own.id}/readings`, JSON.stringify(batch), { qos: 1 }); // a PUBACK with reason code 0, success
    await expect.poll(async () => (await influx.query(`SELECT power_kw FROM reading WHERE meter = '${own.meters[0]!}'`, 'mqtt5')).results[0]?.series?.[0]?.values, { timeout: 10_000 }).toEqual([[ts, 55.5]]);
    expect(await ingestMetric(httpPort, 'zeropark_ingest_readings_accepted_total')).toBe(1);
  });

  it("should tell a v5 gateway that writes under another gateway: PUBACK reason 0x87, not authorized, and nothing stored", async () => {
    const other = park.gateways[1]!;
    const forged = JSON.stringify({ v: 1, seq: 1, readings: [{ meter: other.meters[0]!, ts: Date.now() - 1000, values: { power_kw: 1 } }] });
    await expect(gateway.publishAsync(`parks/${park.parkId}/gateways/${other.id}/readings`, forged, { qos: 1 })).rejects.toMatchObject({ code: 0x87 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await influx.query(`SELECT count(power_kw) FROM reading WHERE meter = '${other.meters[0]!}'`, 'mqtt5')).results[0]?.series).toBeUndefined();
  });
});
