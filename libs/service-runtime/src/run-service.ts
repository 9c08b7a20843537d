import { ConfigError } from '@zeropark/contracts';
import { RegistryError } from '@zeropark/registry';

export interface StartedService {
  stop(): Promise<void>;
  /** Where to say that the service stops, and why. */
  log: (fields: Record<string, unknown>, message: string) => void;
}

export interface ProcessLike {
  on(event: 'SIGINT' | 'SIGTERM' | 'disconnect', listener: () => void): unknown;
  exit(code: number): never | void;
}

/**
 * Runs one ZeroPark service as a process: a bad configuration or registry ends it with the list
 * of problems and exit code 2; SIGINT, SIGTERM, or the launcher's IPC channel closing (started
 * by `npm start`, the launcher is gone however it went) stop it once, then exit 0 (1 if the stop failed).
 */
export async function runService(
  name: string,
  start: () => Promise<StartedService>,
  io: { process: ProcessLike; error: (line: string) => void } = { process, error: (line) => console.error(line) },
): Promise<void> {
  let service: StartedService;
  try {
    service = await start();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof RegistryError) {
      io.error(`${name}: ${error.message}`);
      io.process.exit(2);
      return;
    }
    throw error;
  }
  let stopping = false;
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    service.log({ reason }, 'stopping');
    service.stop().then(
      () => io.process.exit(0),
      (error: unknown) => {
        service.log({ err: error }, 'stop failed');
        io.process.exit(1);
      },
    );
  };
  io.process.on('SIGINT', () => stop('SIGINT'));
  io.process.on('SIGTERM', () => stop('SIGTERM'));
  io.process.on('disconnect', () => stop('launcher gone'));
}
