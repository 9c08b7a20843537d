import { loadRegistries } from '@zeropark/registry';
import { runService, warnOfMissingNodeFlags } from '@zeropark/service-runtime';
import { pino } from 'pino';
import { loadCarbonConfig } from './carbon.config.js';
import { startCarbon } from './carbon-app.js';

/**
 * Entry point: `node --max-semi-space-size=64 apps/carbon/dist/main.js`, configured by the
 * environment (apps/carbon/README.md); the Node flags are those of apps/carbon/node-flags.json.
 */
void runService('carbon', async () => {
  const config = loadCarbonConfig();
  const logger = pino({ name: 'carbon', level: config.LOG_LEVEL });
  warnOfMissingNodeFlags(new URL('../', import.meta.url), (fields, message) => logger.warn(fields, message));
  const carbon = await startCarbon({ config, parks: await loadRegistries(config.ZEROPARK_REGISTRY), logger });
  return { stop: () => carbon.stop(), log: (fields, message) => logger.info(fields, message) };
});
