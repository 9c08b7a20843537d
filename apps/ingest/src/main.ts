import { runService } from '@zeropark/service-runtime';
import { pino } from 'pino';
import { loadIngestConfig } from './ingest.config.js';
import { startIngest } from './ingest-service.js';

/** Entry point: `node apps/ingest/dist/main.js`, configured by the environment (apps/ingest/README.md). */
void runService('ingest', async () => {
  const config = loadIngestConfig();
  const logger = pino({ name: 'ingest', level: config.LOG_LEVEL });
  const ingest = await startIngest(config, logger);
  return { stop: () => ingest.stop(), log: (fields, message) => logger.info(fields, message) };
});
