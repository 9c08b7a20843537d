import { missingNodeFlags, nodeFlagsOf, runService } from '@zeropark/service-runtime';
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
  const missing = missingNodeFlags(nodeFlagsOf(new URL('../', import.meta.url)));
  if (missing.length > 0) {
    logger.warn({ missing }, 'started without the Node flags of apps/ingest/node-flags.json: each reading costs more CPU (docs/benchmarks.md)');
  }
  const ingest = await startIngest(config, logger);
  return { stop: () => ingest.stop(), log: (fields, message) => logger.info(fields, message) };
});
