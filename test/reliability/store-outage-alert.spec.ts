import { issueAccessToken } from '@zeropark/access';
import type { Alert, ClientToServerEvents, ServerToClientEvents } from '@zeropark/contracts';
import { freePort, type InfluxdbServer, startInfluxdb, temporaryDirectory } from '@zeropark/test-servers';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestMetric, journalDrained } from '../support/ingest-metrics.js';
import { embeddedIngestOnInfluxdb, startIngestProcess, type IngestProcess } from '../support/ingest-process.js';
import { writeLoadPark } from '../support/load-park.js';
import { LoadPublisher } from '../support/load-publisher.js';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.js';
import { missingFrom, storedReadings } from '../support/stored-keys.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const TOKEN_SECRET = 'the-token-secret-of-the-outage-alert-suite';
/** The ingest's bound for a reading waiting in its journal: the threshold of `ingest-journal-behind`. */
const JOURNAL_ALERT_AFTER_S = 60;
/** How long the store must refuse every write before `ingest-store-refusing`. */
const PROBLEM_AFTER_S = 30;
const OUTAGE_MS = 10 * MINUTE;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('InfluxDB stopped for 10 minutes under a steady load, with the carbon service and an operator watching alerts', () => {
  let influx: InfluxdbServer | undefined;
  let ingest: IngestProcess | undefined;
  let carbon: ServiceProcess | undefined;
  let operator: Socket<ServerToClientEvents, ClientToServerEvents> | undefined;
  let load: LoadPublisher | undefined;

  afterAll(async () => {
    operator?.close();
    await load?.stop();
    await carbon?.kill('SIGKILL');
    await ingest?.kill('SIGKILL');
    await influx?.stop();
  });

  it(
    'should lose no acknowledged reading, page the operator within 60 s of the thresholds, and resolve the alerts after the drain',
    async () => {
      influx = await startInfluxdb();
      const dir = temporaryDirectory('outage-alert');
      const park = await writeLoadPark(dir, 2, 10);
      const [mqttPort, ingestPort, carbonPort] = [await freePort(), await freePort(), await freePort()];
      const ingestEnv: Record<string, string> = {
        ...embeddedIngestOnInfluxdb({ registryFile: park.registryFile, dataDir: dir, influxUrl: influx.url, database: 'outage_alert', mqttPort }),
        INGEST_JOURNAL_ALERT_AFTER_S: String(JOURNAL_ALERT_AFTER_S),
        INGEST_PROBLEM_AFTER_S: String(PROBLEM_AFTER_S),
        INGEST_HEALTH_INTERVAL_MS: '2000',
        INGEST_INSTANCE: 'ingest-1',
      };
      ingest = await startIngestProcess(ingestEnv, ingestPort);
      // the carbon service keeps its own store (SQLite): only the ingest's store goes away
      carbon = await startServiceProcess(
        'carbon',
        {
          ZEROPARK_REGISTRY: park.registryFile,
          ZEROPARK_BUS_URL: `mqtt://127.0.0.1:${mqttPort}`,
          ZEROPARK_BUS_SECRET: ingestEnv.ZEROPARK_BUS_SECRET ?? '',
          ZEROPARK_STORE: 'sqlite',
          ZEROPARK_DATA_DIR: join(dir, 'carbon'),
          CARBON_TOKEN_SECRET: TOKEN_SECRET,
        },
        carbonPort,
      );
      const token = await issueAccessToken(TOKEN_SECRET, { subject: 'operator-on-call', role: 'operator', parks: [park.parkId], ttlSeconds: 3600 });
      const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(`http://127.0.0.1:${carbonPort}`, { transports: ['websocket'], auth: { token } });
      operator = socket;
      const told: { alert: Alert; toldAt: number }[] = [];
      socket.on('alert', (alert) => told.push({ alert, toldAt: Date.now() }));
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      expect(await socket.emitWithAck('alerts:join', park.parkId)).toEqual({ ok: true, alerts: [] });

      // 2 gateways × 5 messages/s × 20 readings = 200 readings/s, some 130 000 in all
      load = new LoadPublisher({ brokerUrl: `mqtt://127.0.0.1:${mqttPort}`, park, readingsPerMessage: 20, messagesPerSecond: 5, firstTs: Date.now() - 3_600_000 });
      await load.start();
      await sleep(5 * SECOND); // steady state, store up
      const stoppedAt = Date.now();
      await influx.stop();
      await sleep(OUTAGE_MS);
      const journalAtEnd = await ingestMetric(ingestPort, 'zeropark_ingest_journal_readings');
      const restartedAt = Date.now();
      await influx.start();

      const transitions = (rule: string) => told.filter(({ alert }) => alert.rule === rule).map(({ alert, toldAt }) => ({ to: alert.state, at: alert.transitions.at(-1)?.at ?? 0, toldAt }));
      await expect.poll(() => [transitions('ingest-journal-behind').at(-1)?.to, transitions('ingest-store-refusing').at(-1)?.to], { timeout: 2 * MINUTE, interval: SECOND }).toEqual(['resolved', 'resolved']);
      await load.stop();
      const publisher = load;
      load = undefined;
      await journalDrained(ingestPort, 2 * MINUTE);

      const behind = transitions('ingest-journal-behind');
      const refusing = transitions('ingest-store-refusing');
      const firing = (list: typeof behind) => list.find((step) => step.to === 'firing');
      const resolved = (list: typeof behind) => list.find((step) => step.to === 'resolved');
      const measured = {
        outageS: (restartedAt - stoppedAt) / SECOND,
        journalAtEnd,
        behindFiredAfterStopS: ((firing(behind)?.at ?? 0) - stoppedAt) / SECOND,
        refusingFiredAfterStopS: ((firing(refusing)?.at ?? 0) - stoppedAt) / SECOND,
        behindResolvedAfterRestartS: ((resolved(behind)?.at ?? 0) - restartedAt) / SECOND,
        refusingResolvedAfterRestartS: ((resolved(refusing)?.at ?? 0) - restartedAt) / SECOND,
        toldLateMs: Math.max(...told.map(({ alert, toldAt }) => toldAt - (alert.transitions.at(-1)?.at ?? 0))),
        acknowledged: publisher.acknowledged.size,
      };
      console.info('store outage alert:', JSON.stringify(measured));

      // each alert fired once and resolved once: nothing else was raised (no silence, no subscription alert)
      expect(told.map(({ alert }) => `${alert.rule} ${alert.subject.kind} ${alert.subject.id} ${alert.state}`).sort()).toEqual([
        'ingest-journal-behind service ingest/ingest-1 firing',
        'ingest-journal-behind service ingest/ingest-1 resolved',
        'ingest-store-refusing service ingest/ingest-1 firing',
        'ingest-store-refusing service ingest/ingest-1 resolved',
      ]);
      // within 60 s of each threshold: 60 s and 30 s after the store stopped
      expect(measured.behindFiredAfterStopS).toBeGreaterThanOrEqual(JOURNAL_ALERT_AFTER_S);
      expect(measured.behindFiredAfterStopS).toBeLessThanOrEqual(JOURNAL_ALERT_AFTER_S + 60);
      expect(measured.refusingFiredAfterStopS).toBeGreaterThanOrEqual(PROBLEM_AFTER_S);
      expect(measured.refusingFiredAfterStopS).toBeLessThanOrEqual(PROBLEM_AFTER_S + 60);
      // resolved once the store took the backlog again, not before
      expect(measured.behindResolvedAfterRestartS).toBeGreaterThan(0);
      expect(measured.refusingResolvedAfterRestartS).toBeGreaterThan(0);
      expect(measured.toldLateMs).toBeLessThan(2 * SECOND);
      // the journal held the outage: 10 min × 200 readings/s
      expect(journalAtEnd).toBeGreaterThan(100_000);

      const stored = await storedReadings(influx, 'outage_alert', park.parkId, park.gateways.flatMap((gateway) => gateway.meters));
      expect(publisher.acknowledged.size).toBeGreaterThan(100_000);
      expect(missingFrom(stored, publisher.acknowledged).slice(0, 5)).toEqual([]);
      expect([...stored.keys()].filter((key) => !publisher.sent.has(key))).toEqual([]);
    },
    15 * MINUTE,
  );
});
