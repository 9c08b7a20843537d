import { freePort, type InfluxdbServer, type MosquittoServer, startInfluxdb, temporaryDirectory } from '@zeropark/test-servers';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startShippedMosquitto } from '../support/external-broker-setup.js';
import { ingestMetric, journalDrained } from '../support/ingest-metrics.js';
import { externalIngestOnInfluxdb, startIngestProcess, type IngestProcess } from '../support/ingest-process.js';
import { writeLoadPark } from '../support/load-park.js';
import { LoadPublisher } from '../support/load-publisher.js';
import { missingFrom, storedReadings } from '../support/stored-keys.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What deploy/README.md ("What an external broker can promise") lets a crash of Mosquitto lose:
 * what it acknowledged since its last save, `autosave_interval 1` (one second) of the shipped
 * mosquitto.conf, with a quarter of a second for the save itself and the PUBACK on its way.
 */
const UNSAVED_MS = 1250;

describe('Mosquitto killed and started again under load, with the shipped configuration', () => {
  let influx: InfluxdbServer | undefined;
  let mosquitto: MosquittoServer | undefined;
  let ingests: IngestProcess[] = [];

  afterEach(async () => {
    await Promise.all(ingests.map((ingest) => ingest.kill('SIGKILL')));
    ingests = [];
    await mosquitto?.stop();
    await influx?.stop();
  });

  it.each([
    ['one ingest on a subscription of its own', 'own', ['solo']],
    ['two ingests sharing the subscription', 'shared', ['a', 'b']],
  ] as const)(
    'should store every reading it acknowledged but what deploy/README.md says a crash may lose, with %s',
    async (name, subscription, instances) => {
      const dir = temporaryDirectory('broker-crash');
      const park = await writeLoadPark(dir, 4, 10);
      influx = await startInfluxdb();
      mosquitto = await startShippedMosquitto(dir, park, instances);
      const database = 'broker_crash';
      const httpPorts: number[] = [];
      for (const instance of instances) {
        mkdirSync(join(dir, instance), { recursive: true });
        const port = await freePort();
        httpPorts.push(port);
        const env = externalIngestOnInfluxdb({ registryFile: park.registryFile, dataDir: join(dir, instance), influxUrl: influx.url, database, brokerUrl: mosquitto.url, instance, subscription });
        ingests.push(await startIngestProcess(env, port));
      }

      const firstTs = Date.now() - 3_600_000;
      const load = new LoadPublisher({ brokerUrl: mosquitto.url, park, readingsPerMessage: 50, messagesPerSecond: 10, firstTs });
      await load.start();
      await sleep(3000);
      const crashedAt = Date.now();
      await mosquitto.kill();
      // not subscribed while the broker is away: /readyz says so
      await expect.poll(() => readyz(httpPorts[0] ?? 0), { timeout: 5000, interval: 100 }).toBe(503);
      await sleep(1000);
      const restartedAt = Date.now();
      await mosquitto.restart();
      // the session comes back present, and the instances subscribe again all the same
      for (const port of httpPorts) {
        await expect.poll(() => ingestMetric(port, 'zeropark_ingest_broker_subscribed'), { timeout: 10_000, interval: 100 }).toBe(1);
        await expect.poll(() => readyz(port), { timeout: 5000, interval: 100 }).toBe(200);
      }
      const subscribedAt = Date.now();
      const acceptedAtRestart = await acceptedBy(httpPorts);
      await sleep(4000);
      await load.stop();
      // readings flow again after the restart, not only the backlog the gateways resent
      expect(await acceptedBy(httpPorts)).toBeGreaterThan(acceptedAtRestart + 5000);
      for (const port of httpPorts) await journalDrained(port);

      // what the crash may lose: its unsaved second; and with a shared subscription, what the
      // broker acknowledged after its restart and before the instances subscribed again
      const mayLose = (at: number) => (at >= crashedAt - UNSAVED_MS && at <= crashedAt) || (subscription === 'shared' && at >= restartedAt && at <= subscribedAt);
      const meters = park.gateways.flatMap((gateway) => gateway.meters);
      const lostOutsideTheWindows = async () => {
        const missing = missingFrom(await storedReadings(influx!, database, park.parkId, meters), load.acknowledged);
        // when each was acknowledged, ms after the crash, to tell a late delivery from a loss
        return missing.filter((key) => !mayLose(load.acknowledgedAt.get(key) ?? 0)).map((key) => `${key} acknowledged at ${(load.acknowledgedAt.get(key) ?? 0) - crashedAt} ms`);
      };
      // a message the broker still holds for an instance arrives after the journal looked empty
      await expect.poll(lostOutsideTheWindows, { timeout: 15_000, interval: 1000 }).toEqual([]);
      const stored = await storedReadings(influx, database, park.parkId, meters);
      const missing = missingFrom(stored, load.acknowledged);
      // the figure deploy/README.md gives, in the suite's output
      console.log(`${name}: ${load.acknowledged.size} readings acknowledged, ${missing.length} of them lost with the broker's crash; ${subscribedAt - restartedAt} ms from its restart until every instance was subscribed`);
      expect(load.acknowledged.size).toBeGreaterThan(12_000);
      expect([...stored.keys()].filter((key) => !load.sent.has(key))).toEqual([]);
    },
  );
});

async function readyz(port: number): Promise<number> {
  return (await fetch(`http://127.0.0.1:${port}/readyz`)).status;
}

async function acceptedBy(ports: number[]): Promise<number> {
  let sum = 0;
  for (const port of ports) sum += await ingestMetric(port, 'zeropark_ingest_readings_accepted_total');
  return sum;
}
