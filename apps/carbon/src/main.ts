import { ConfigError } from '@zeropark/contracts';
import { loadRegistries, RegistryError } from '@zeropark/registry';
import { pino } from 'pino';
import { loadCarbonConfig } from './carbon.config.js';
import { startCarbon } from './carbon-app.js';

/** Entry point: `node apps/carbon/dist/main.js`, configured by the environment (apps/carbon/README.md). */
async function main(): Promise<void> {
  try {
    const config = loadCarbonConfig();
    const logger = pino({ name: 'carbon', level: config.LOG_LEVEL });
    const parks = await loadRegistries(config.ZEROPARK_REGISTRY);
    const carbon = await startCarbon({ config, parks, logger });
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'stopping');
      carbon.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'stop failed');
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
    // started by `npm start`: stop when the launcher is gone, however it went
    process.on('disconnect', () => stop('launcher gone'));
  } catch (error) {
    if (error instanceof ConfigError || error instanceof RegistryError) {
      console.error(`carbon: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
}

void main();
