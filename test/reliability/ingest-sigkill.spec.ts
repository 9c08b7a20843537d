import { freePort, type InfluxdbServer, startInfluxdb, temporaryDirectory } from '@zeropark/test-servers';
import { afterAll, describe, expect, it } from 'vitest';
import { embeddedIngestOnInfluxdb, startIngestProcess, type IngestProcess } from '../support/ingest-process.js';
import { journalDrained } from '../support/ingest-metrics.js';
import { writeLoadPark } from '../support/load-park.js';
import { LoadPublisher } from '../support/load-publisher.js';
import { missingFrom, storedReadings } from '../support/stored-keys.js';

describe('the ingest killed with SIGKILL under load, then started again', () => {
  let influx: InfluxdbServer | undefined;
  let ingest: IngestProcess | undefined;

  afterAll(async () => {
    await ingest?.kill('SIGKILL');
    await influx?.stop();
  });

  it('should have stored every reading it acknowledged before it died', async () => {
    influx = await startInfluxdb();
    const dir = temporaryDirectory('sigkill');
    const park = await writeLoadPark(dir, 4, 10);
    const [mqttPort, httpPort] = [await freePort(), await freePort()];
    const env = {
      ...embeddedIngestOnInfluxdb({ registryFile: park.registryFile, dataDir: dir, influxUrl: influx.url, database: 'sigkill', mqttPort }),
      // small store writes, so the journal holds unstored batches at the moment of the kill
      INGEST_STORE_BATCH_READINGS: '500',
    };
    ingest = await startIngestProcess(env, httpPort);
    const load = new LoadPublisher({ brokerUrl: `mqtt://127.0.0.1:${mqttPort}`, park, readingsPerMessage: 50, messagesPerSecond: 20, firstTs: Date.now() - 3_600_000 });
    await load.start();
    await new Promise((resolve) => setTimeout(resolve, 4000));

    await ingest.kill('SIGKILL');
    const acknowledgedBeforeTheKill = new Set(load.acknowledged);
    ingest = await startIngestProcess(env, httpPort); // replays its journal into InfluxDB
    await new Promise((resolve) => setTimeout(resolve, 3000)); // the gateways reconnect and go on
    await load.stop();
    await journalDrained(httpPort);

    expect(acknowledgedBeforeTheKill.size).toBeGreaterThan(5_000);
    const stored = await storedReadings(influx, 'sigkill', park.parkId, park.gateways.flatMap((gateway) => gateway.meters));
    expect(missingFrom(stored, acknowledgedBeforeTheKill).slice(0, 5)).toEqual([]);
    expect(missingFrom(stored, load.acknowledged).slice(0, 5)).toEqual([]);
    expect([...stored.keys()].filter((key) => !load.sent.has(key))).toEqual([]);
  });
});
