import { loadRegistries } from '@zeropark/registry';
import { SqliteStore } from '@zeropark/timeseries';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { DeadLetterLog } from './dead-letter-log.js';
import { EmbeddedBroker } from './embedded-broker.js';
import { GatewayDirectory } from './gateway-directory.js';
import type { IngestConfig } from './ingest.config.js';
import { IngestMetrics } from './ingest-metrics.js';
import { IngestPipeline } from './ingest-pipeline.js';
import { startHealthServer } from './health-server.js';

export interface RunningIngest {
  mqttPort: number;
  httpPort: number;
  stop(): Promise<void>;
}

/** Builds the ingest from its configuration and starts listening. */
export async function startIngest(config: IngestConfig, logger: Logger): Promise<RunningIngest> {
  const parks = await loadRegistries(config.ZEROPARK_REGISTRY);
  const store = new SqliteStore(join(config.ZEROPARK_DATA_DIR, 'zeropark.db'));
  const deadLetters = new DeadLetterLog(join(config.ZEROPARK_DATA_DIR, 'ingest.db'));
  const metrics = new IngestMetrics();
  const pipeline = new IngestPipeline({
    parks,
    store,
    deadLetters,
    // the broker is made next; the pipeline publishes only once it is listening
    publish: (topic, payload) => broker.publish(topic, payload),
    metrics,
    logger,
    limits: {
      maxReadingsPerBatch: config.INGEST_MAX_READINGS_PER_BATCH,
      maxClockSkewMs: config.INGEST_MAX_CLOCK_SKEW_S * 1000,
      maxReadingAgeMs: config.INGEST_MAX_READING_AGE_DAYS * 86_400_000,
    },
    clock: Date.now,
  });
  const broker = await EmbeddedBroker.create({ gateways: new GatewayDirectory(parks), busSecret: config.ZEROPARK_BUS_SECRET, pipeline, metrics, logger });
  const mqttPort = await broker.listen(config.INGEST_MQTT_PORT, config.INGEST_HOST);
  const health = await startHealthServer({ ready: () => true, metrics: metrics.registry }, config.INGEST_HTTP_PORT, config.INGEST_HOST);
  logger.info({ mqttPort, httpPort: health.port, parks: [...parks.keys()], host: config.INGEST_HOST }, 'ingest listening');

  return {
    mqttPort,
    httpPort: health.port,
    async stop() {
      await closeServer(health.server);
      await broker.close();
      await store.close();
      deadLetters.close();
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
