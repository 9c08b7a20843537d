import { runService, warnOfMissingNodeFlags } from '@zeropark/service-runtime';
import { pino } from 'pino';
import { loadIngestConfig } from './ingest.config.js';
import { startIngest } from './ingest-service.js';

/**
 * Entry point: `node --max-semi-space-size=64 apps/ingest/dist/main.js`, configured by the
 * environment (apps/ingest/README.md); the Node flags are those of apps/ingest/node-flags.json.
 */
void runService('ingest', async () => {
  const config = loadIngestConfig();
  const logger = pino({ name: 'ingest', level: config.LOG_LEVEL });
  warnOfMissingNodeFlags(new URL('../', import.meta.url), (fields, message) => logger.warn(fields, message));
  const ingest = await startIngest(config, logger);
  return { stop: () => ingest.stop(), log: (fields, message) => logger.info(fields, message) };
});
