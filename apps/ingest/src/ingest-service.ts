import { loadRegistries, type ParkRegistry } from '@zeropark/registry';
import { readingPreparer, StoreInWorker, storeSettingsFrom } from '@zeropark/timeseries';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { DeadLetterLog } from './dead-letter-log.js';
import { EmbeddedBroker } from './embedded-broker.js';
import { ExternalBrokerSource } from './external-broker-source.js';
import { GatewayDirectory } from './gateway-directory.js';
import type { IngestConfig } from './ingest.config.js';
import { IngestMetrics } from './ingest-metrics.js';
import { IngestPipeline } from './ingest-pipeline.js';
import { IngestJournal } from './journal/ingest-journal.js';
import { JournalBackpressure } from './journal/journal-backpressure.js';
import { StoreWriter } from './journal/store-writer.js';
import { startHealthServer } from './health-server.js';
import { HealthPublisher } from './health/health-publisher.js';
import { IngestHealth } from './health/ingest-health.js';
import { ingestBrokerUsername } from './mosquitto/mosquitto-files.js';
import { readTlsListenerSettings, type TlsListenerSettings } from './tls-listener-files.js';

export interface RunningIngest {
  /** The embedded broker's port; null behind an external broker. */
  mqttPort: number | null;
  /** The embedded broker's MQTT over TLS port; null without one (INGEST_MQTTS_PORT). */
  mqttsPort: number | null;
  httpPort: number;
  stop(): Promise<void>;
}

/** Builds the ingest from its configuration and starts listening. */
export async function startIngest(config: IngestConfig, logger: Logger): Promise<RunningIngest> {
  const tls = readTlsListenerSettings(config);
  const parks = await loadRegistries(config.ZEROPARK_REGISTRY);
  const storeSettings = storeSettingsFrom(config);
  // readings are prepared here as they are journaled; the store is opened, and written, by a worker thread
  const writes = new StoreInWorker(storeSettings);
  writes.open().catch((error: unknown) => logger.warn({ reason: (error as Error).message, store: storeSettings.kind }, 'the store cannot be opened yet: readings wait in the journal'));
  // a file of its own: the journal's file is written by the journal's worker, and a dead letter
  // written beside it from this thread would wait for that worker's commits
  const deadLetters = new DeadLetterLog(join(config.ZEROPARK_DATA_DIR, 'dead-letters.db'));
  const metrics = new IngestMetrics();
  const journal = new IngestJournal(join(config.ZEROPARK_DATA_DIR, 'ingest.db'), {
    prepare: readingPreparer(storeSettings),
    onCommit: ({ seconds }) => {
      metrics.journalCommits.inc();
      metrics.journalCommitSeconds.observe(seconds);
    },
  });
  const observeDepth = () => metrics.journalReadings.set(journal.depth);
  observeDepth();
  journal.onChange(observeDepth);
  let journalFull = false;
  const backpressure = new JournalBackpressure(journal, config.INGEST_JOURNAL_MAX_READINGS, logger, (engaged) => {
    journalFull = engaged;
    metrics.journalBackpressure.set(engaged ? 1 : 0);
  });
  // what keeps readings from the store, published for the platform's alerts (docs/alerts.md, "Platform alerts")
  const health = new IngestHealth({
    instance: config.INGEST_INSTANCE,
    everyMs: config.INGEST_HEALTH_INTERVAL_MS,
    problemAfterMs: config.INGEST_PROBLEM_AFTER_S * 1000,
    journalBehindAfterMs: config.INGEST_JOURNAL_ALERT_AFTER_S * 1000,
    journalMaxReadings: config.INGEST_JOURNAL_MAX_READINGS,
  });
  const writer = new StoreWriter(
    journal,
    writes,
    {
      batchReadings: config.INGEST_STORE_BATCH_READINGS,
      writesInFlight: config.INGEST_STORE_WRITES_IN_FLIGHT,
      lingerMs: config.INGEST_STORE_LINGER_MS,
      retry: { initialMs: 200, maxMs: 30_000 },
      onOutcome: (refusal) => (refusal === undefined ? health.storeConfirmed() : health.storeRefused(refusal, Date.now())),
    },
    metrics,
    logger,
  );
  if (journal.depth > 0) logger.info({ journalReadings: journal.depth }, 'replaying the journal into the store');
  writer.start();
  // the source is made before the pipeline that publishes through it, and started after it
  const source = await prepareSource(config, tls, parks, metrics, logger, (granted, reason) => health.subscription(granted, reason, Date.now()));
  const pipeline = new IngestPipeline({
    parks,
    journal,
    backpressure,
    deadLetters,
    publish: (topic, payload) => source.publish(topic, payload),
    metrics,
    logger,
    limits: {
      maxReadingsPerBatch: config.INGEST_MAX_READINGS_PER_BATCH,
      maxClockSkewMs: config.INGEST_MAX_CLOCK_SKEW_S * 1000,
      maxReadingAgeMs: config.INGEST_MAX_READING_AGE_DAYS * 86_400_000,
    },
    clock: Date.now,
  });
  await source.start(pipeline);
  const healthMessages = new HealthPublisher({
    health,
    instance: config.INGEST_INSTANCE,
    everyMs: config.INGEST_HEALTH_INTERVAL_MS,
    journal: () => ({ readings: journal.depth, oldestWaitedMs: journal.oldestWaitedMs(), full: journalFull }),
    publish: (topic, payload) => source.publish(topic, payload, true),
    clock: Date.now,
    logger,
  });
  healthMessages.start();
  const server = await startHealthServer({ ready: () => source.ready(), metrics: metrics.registry, metricsToken: config.INGEST_METRICS_TOKEN }, config.INGEST_HTTP_PORT, config.INGEST_HOST);
  logger.info(
    { mqttPort: source.mqttPort, mqttsPort: source.mqttsPort, broker: config.INGEST_BROKER_URL ?? 'embedded', httpPort: server.port, parks: [...parks.keys()], host: config.INGEST_HOST, store: config.ZEROPARK_STORE },
    'ingest listening',
  );

  return {
    mqttPort: source.mqttPort,
    mqttsPort: source.mqttsPort,
    httpPort: server.port,
    async stop() {
      healthMessages.stop();
      await closeServer(server.server);
      await source.close();
      await writer.stop();
      await writes.close();
      await journal.close();
      deadLetters.close();
    },
  };
}

interface ReadingSource {
  /** The embedded broker's port once started; null behind an external broker. */
  readonly mqttPort: number | null;
  /** Its MQTT over TLS port once started, if it has one. */
  readonly mqttsPort: number | null;
  start(pipeline: IngestPipeline): Promise<void>;
  ready(): boolean;
  publish(topic: string, payload: string, retain?: boolean): Promise<void>;
  close(): Promise<void>;
}

/** Where readings come from: the embedded broker (default), or an external one (INGEST_BROKER_URL). */
async function prepareSource(
  config: IngestConfig,
  tls: TlsListenerSettings | undefined,
  parks: ReadonlyMap<string, ParkRegistry>,
  metrics: IngestMetrics,
  logger: Logger,
  onSubscribed: (granted: boolean, reason: string) => void,
): Promise<ReadingSource> {
  if (config.INGEST_BROKER_URL !== undefined) {
    const external = new ExternalBrokerSource(
      {
        url: config.INGEST_BROKER_URL,
        username: config.INGEST_BROKER_USERNAME ?? ingestBrokerUsername(config.INGEST_INSTANCE),
        password: config.INGEST_BROKER_PASSWORD ?? '',
        instance: config.INGEST_INSTANCE,
        subscription: config.INGEST_BROKER_SUBSCRIPTION,
        onSubscribed,
      },
      parks,
      metrics,
      logger,
    );
    return {
      mqttPort: null,
      mqttsPort: null,
      start: (pipeline) => external.start(pipeline),
      ready: () => external.ready,
      publish: (topic, payload, retain) => external.publish(topic, payload, retain),
      close: () => external.close(),
    };
  }
  const broker = await EmbeddedBroker.create({
    gateways: new GatewayDirectory(parks),
    busSecret: config.ZEROPARK_BUS_SECRET ?? '',
    feedSecret: config.ZEROPARK_FEED_SECRET,
    metrics,
    logger,
    limits: {
      maxPacketBytes: config.INGEST_MAX_PACKET_BYTES,
      messagesPerSecond: config.INGEST_MAX_MESSAGES_PER_S,
      connectionsPerSecond: config.INGEST_MAX_CONNECTIONS_PER_S,
    },
  });
  const source = {
    mqttPort: null as number | null,
    mqttsPort: null as number | null,
    start: async (pipeline: IngestPipeline) => {
      source.mqttPort = await broker.listen(config.INGEST_MQTT_PORT, config.INGEST_HOST, pipeline);
      if (tls !== undefined) source.mqttsPort = await broker.listenTls(tls);
    },
    ready: () => source.mqttPort !== null,
    publish: (topic: string, payload: string, retain?: boolean) => broker.publish(topic, payload, retain),
    close: () => broker.close(),
  };
  return source;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
