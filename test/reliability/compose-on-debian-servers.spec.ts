import { issueAccessToken } from '@zeropark/access';
import type { ClientToServerEvents, ServerToClientEvents } from '@zeropark/contracts';
import { freePort, startInfluxdb, temporaryDirectory, type InfluxdbServer, type MosquittoServer } from '@zeropark/test-servers';
import mqtt from 'mqtt';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { composeEnvironment, composeServicesRunning } from '../support/compose-file.js';
import { BUS_BROKER_PASSWORD, INGEST_BROKER_PASSWORD, startShippedMosquitto } from '../support/external-broker-setup.js';
import { ingestMetric, journalDrained } from '../support/ingest-metrics.js';
import { MARKER, writeLoadPark } from '../support/load-park.js';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.js';
import { storedReadings } from '../support/stored-keys.js';
import { waitUntil } from '../support/wait-until.js';

const TOKEN_SECRET = 'the-token-secret-of-the-compose-suite';
const BATCHES = 20;
const INGEST_METRICS_TOKEN = 'compose-suite-ingest-metrics-token';

/**
 * deploy/compose.yaml as far as it runs without Docker: each of our services it names started as
 * a process with the environment it gives, Compose's host names turned into the loopback ports of
 * Debian's Mosquitto (the shipped configuration, with files from the shipped generator) and
 * InfluxDB. What only Docker can check (the image, the volumes) is not checked here.
 */

describe('deploy/compose.yaml, its services run as processes on Debian\'s Mosquitto and InfluxDB', () => {
  let influx: InfluxdbServer | undefined;
  let mosquitto: MosquittoServer | undefined;
  const services: { name: string; process: ServiceProcess; httpPort: number }[] = [];

  afterAll(async () => {
    await Promise.all(services.map((service) => service.process.kill('SIGTERM')));
    await mosquitto?.stop();
    await influx?.stop();
  });

  it('should carry a gateway\'s readings through both ingest instances to InfluxDB and to a dashboard', async () => {
    const dir = temporaryDirectory('compose');
    const park = await writeLoadPark(dir, 1, 1);
    influx = await startInfluxdb();
    mosquitto = await startShippedMosquitto(dir, park);
    const secrets = { INGEST_BROKER_PASSWORD, ZEROPARK_BUS_SECRET: BUS_BROKER_PASSWORD, CARBON_TOKEN_SECRET: TOKEN_SECRET, CARBON_METRICS_TOKEN: 'compose-suite-metrics-token', INGEST_METRICS_TOKEN };
    const hosts: [string, string][] = [
      ['mqtt://broker:1883', mosquitto.url],
      ['http://influxdb:8086', influx.url],
      ['0.0.0.0', '127.0.0.1'], // test traffic stays on loopback
    ];
    for (const app of ['ingest', 'carbon'] as const) {
      for (const [name, service] of composeServicesRunning(app)) {
        const env = composeEnvironment(service, secrets);
        for (const [key, value] of Object.entries(env)) env[key] = hosts.reduce((text, [from, to]) => text.replace(from, to), value);
        expect(Object.values(env).filter((value) => /\b(broker|influxdb):/.test(value)), `${name} names a host this suite did not map`).toEqual([]);
        const dataDir = join(dir, name);
        mkdirSync(dataDir);
        const httpPort = await freePort();
        services.push({ name, httpPort, process: await startServiceProcess(app, { ...env, ZEROPARK_REGISTRY: park.registryFile, ZEROPARK_DATA_DIR: dataDir }, httpPort) });
      }
    }
    const carbon = services.find((service) => service.name === 'carbon');
    const ingests = services.filter((service) => service.name.startsWith('ingest'));
    expect(ingests).toHaveLength(2);

    const token = await issueAccessToken(TOKEN_SECRET, { subject: 'compose-suite', role: 'viewer', parks: [park.parkId], ttlSeconds: 600 });
    const dashboard: Socket<ServerToClientEvents, ClientToServerEvents> = io(`http://127.0.0.1:${carbon?.httpPort}`, { transports: ['websocket'], auth: { token } });
    let powerKw = Number.NaN;
    dashboard.on('building:snapshot', (snapshot) => (powerKw = snapshot.powerKw));
    const joined = await dashboard.emitWithAck('building:join', park.parkId, MARKER.building);
    expect(joined.ok).toBe(true);

    const gateway = await mqtt.connectAsync(mosquitto.url, { clientId: 'compose-marker', username: MARKER.gateway, password: MARKER.secret, reconnectPeriod: 0 });
    const start = Date.now() - 60_000;
    for (let seq = 1; seq <= BATCHES; seq += 1) {
      const batch = { v: 1, seq, readings: [{ meter: MARKER.meter, ts: start + seq * 1000, values: { power_kw: seq } }] };
      await gateway.publishAsync(`parks/${park.parkId}/gateways/${MARKER.gateway}/readings`, JSON.stringify(batch), { qos: 1 });
    }
    await gateway.endAsync();

    // the newest reading reaches the dashboard through the bus, whichever instance took it
    await waitUntil(() => powerKw, (power) => power === BATCHES, 15_000, 'the dashboard showing the last reading');
    dashboard.close();
    // the broker's shared subscription gave both instances a share
    for (const ingest of ingests) {
      // the file binds the ingests to 0.0.0.0, so their /metrics answers only the bearer of its token
      await journalDrained(ingest.httpPort, 15_000, INGEST_METRICS_TOKEN);
      expect(await ingestMetric(ingest.httpPort, 'zeropark_ingest_readings_accepted_total', INGEST_METRICS_TOKEN), `${ingest.name} took no reading`).toBeGreaterThan(0);
    }
    const stored = await storedReadings(influx, 'zeropark', park.parkId, [MARKER.meter]);
    expect([...stored.values()].sort((a, b) => a - b)).toEqual(Array.from({ length: BATCHES }, (_, index) => index + 1));
  });
});
