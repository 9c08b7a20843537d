import { freePort, type InfluxdbServer, type MosquittoServer, startInfluxdb, temporaryDirectory } from '@zeropark/test-servers';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startShippedMosquitto } from '../support/external-broker-setup.js';
import { externalIngestOnInfluxdb, startIngestProcess, type IngestProcess } from '../support/ingest-process.js';
import { ingestMetric, journalDrained } from '../support/ingest-metrics.js';
import { writeLoadPark } from '../support/load-park.js';
import { LoadPublisher } from '../support/load-publisher.js';
import { missingFrom, storedReadings } from '../support/stored-keys.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('two ingest instances sharing a subscription on the shipped Mosquitto', () => {
  let influx: InfluxdbServer | undefined;
  let mosquitto: MosquittoServer | undefined;
  const ingests: IngestProcess[] = [];

  afterAll(async () => {
    await Promise.all(ingests.map((ingest) => ingest.kill('SIGKILL')));
    await mosquitto?.stop();
    await influx?.stop();
  });

  it('should lose and double nothing when one instance is killed and comes back', async () => {
    const dir = temporaryDirectory('external');
    const park = await writeLoadPark(dir, 4, 10);
    influx = await startInfluxdb();
    mosquitto = await startShippedMosquitto(dir, park, ['a', 'b']);
    const httpPorts = [await freePort(), await freePort()];
    const envOf = (instance: 'a' | 'b') => {
      mkdirSync(join(dir, instance), { recursive: true });
      return externalIngestOnInfluxdb({ registryFile: park.registryFile, dataDir: join(dir, instance), influxUrl: influx?.url ?? '', database: 'external', brokerUrl: mosquitto?.url ?? '', instance, subscription: 'shared' });
    };
    const [portA = 0, portB = 0] = httpPorts;
    ingests.push(await startIngestProcess(envOf('a'), portA), await startIngestProcess(envOf('b'), portB));

    const firstTs = Date.now() - 3_600_000;
    const load = new LoadPublisher({ brokerUrl: mosquitto.url, park, readingsPerMessage: 50, messagesPerSecond: 10, firstTs });
    await load.start();
    await sleep(3000);
    // both instances take a share of the load
    expect(await ingestMetric(portA, 'zeropark_ingest_readings_accepted_total')).toBeGreaterThan(0);
    expect(await ingestMetric(portB, 'zeropark_ingest_readings_accepted_total')).toBeGreaterThan(0);

    await ingests[0]?.kill('SIGKILL');
    await sleep(3000); // instance b goes on; Mosquitto queues a's share in a's persistent session
    ingests[0] = await startIngestProcess(envOf('a'), portA);
    await sleep(3000);
    await load.stop();
    for (const port of httpPorts) await journalDrained(port);
    // everything Mosquitto acknowledged has reached an instance and the store
    const meters = park.gateways.flatMap((gateway) => gateway.meters);
    await expect.poll(async () => missingFrom(await storedReadings(influx!, 'external', park.parkId, meters), load.acknowledged).length, { timeout: 10_000, interval: 1000 }).toBe(0);

    const stored = await storedReadings(influx, 'external', park.parkId, meters);
    expect(load.acknowledged.size).toBeGreaterThan(10_000);
    expect([...stored.keys()].filter((key) => !load.sent.has(key))).toEqual([]);
    // not doubled: one point per key (InfluxDB's key), with the value sent: power_kw = ts − firstTs
    expect([...stored].filter(([key, value]) => Number(key.split('@')[1]) - firstTs !== value)).toEqual([]);
  });
});
