import { freePort, type InfluxdbServer, startInfluxdb, temporaryDirectory } from '@zeropark/test-servers';
import { afterAll, describe, expect, it } from 'vitest';
import { embeddedIngestOnInfluxdb, startIngestProcess, type IngestProcess } from '../support/ingest-process.js';
import { ingestMetric, journalDrained } from '../support/ingest-metrics.js';
import { writeLoadPark } from '../support/load-park.js';
import { LoadPublisher } from '../support/load-publisher.js';
import { missingFrom, storedReadings } from '../support/stored-keys.js';

describe('InfluxDB stopped for 30 s while gateways publish at a steady rate', () => {
  let influx: InfluxdbServer | undefined;
  let ingest: IngestProcess | undefined;

  afterAll(async () => {
    await ingest?.kill('SIGKILL');
    await influx?.stop();
  });

  it('should store every acknowledged reading exactly once when it is back', async () => {
    influx = await startInfluxdb();
    const dir = temporaryDirectory('outage');
    const park = await writeLoadPark(dir, 4, 10);
    const [mqttPort, httpPort] = [await freePort(), await freePort()];
    ingest = await startIngestProcess(embeddedIngestOnInfluxdb({ registryFile: park.registryFile, dataDir: dir, influxUrl: influx.url, database: 'outage', mqttPort }), httpPort);
    const firstTs = Date.now() - 3_600_000;
    const load = new LoadPublisher({ brokerUrl: `mqtt://127.0.0.1:${mqttPort}`, park, readingsPerMessage: 50, messagesPerSecond: 10, firstTs });
    await load.start();

    await new Promise((resolve) => setTimeout(resolve, 3000)); // steady state, store up
    await influx.stop();
    await new Promise((resolve) => setTimeout(resolve, 30_000)); // 30 s outage: the journal holds it
    const retriesDuringOutage = await ingestMetric(httpPort, 'zeropark_ingest_store_write_retries_total');
    await influx.start();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await load.stop();

    // 4 gateways × 10 msg/s × 50 readings ≈ 2 000 readings/s, some 70 000 in all
    expect(load.acknowledged.size).toBeGreaterThan(50_000);
    expect(retriesDuringOutage).toBeGreaterThan(0);
    await journalDrained(httpPort);

    const stored = await storedReadings(influx, 'outage', park.parkId, park.gateways.flatMap((gateway) => gateway.meters));
    expect(missingFrom(stored, load.acknowledged).slice(0, 5)).toEqual([]);
    // nothing stored that was never sent, and each value is the one sent: power_kw = step = ts − firstTs
    expect([...stored.keys()].filter((key) => !load.sent.has(key))).toEqual([]);
    expect([...stored].filter(([key, value]) => Number(key.split('@')[1]) - firstTs !== value).slice(0, 5)).toEqual([]);
  });
});
