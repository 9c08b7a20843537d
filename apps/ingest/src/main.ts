import { ConfigError } from '@zeropark/contracts';
import { RegistryError } from '@zeropark/registry';
import { pino } from 'pino';
import { loadIngestConfig } from './ingest.config.js';
import { startIngest } from './ingest-service.js';

/** Entry point: `node apps/ingest/dist/main.js`, configured by the environment (apps/ingest/README.md). */
async function main(): Promise<void> {
  let config;
  try {
    config = loadIngestConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`ingest: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const logger = pino({ name: 'ingest', level: config.LOG_LEVEL });
  let ingest;
  try {
    ingest = await startIngest(config, logger);
  } catch (error) {
    if (error instanceof RegistryError) {
      console.error(`ingest: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    ingest.stop().then(
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
}

void main();
