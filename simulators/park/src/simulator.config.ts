import { env, parseConfig, type ConfigOf } from '@zeropark/contracts';
import { z } from 'zod';

/** Every setting of the park simulator, validated at start. */
export const SIMULATOR_SETTINGS = {
  SIM_CREDENTIALS: { schema: env.text('config/example-park.simulator.yaml'), description: 'Gateway credentials file; it names the registry it simulates' },
  SIM_BROKER_URL: { schema: env.text('mqtt://127.0.0.1:1883'), description: 'MQTT broker the gateways publish to' },
  SIM_INTERVAL_MS: { schema: z.coerce.number().int().min(100).default(2000), description: 'How often each gateway publishes a batch' },
  SIM_STATE_FILE: { schema: env.text('data/simulator-state.json'), description: 'Where counters and seq numbers are kept across restarts' },
  SIM_SEED: { schema: z.coerce.number().int().default(42), description: 'Seed of the noise, so a run can be repeated' },
  SIM_CONTROL_HOST: { schema: env.text('127.0.0.1'), description: 'Address of the trip control (HTTP), which plays faults on demand to trip alert rules' },
  SIM_CONTROL_PORT: { schema: env.port(9102), description: 'Port of the trip control: POST/DELETE /trips/{kind}/{target}, GET /trips (0: any free port)' },
  LOG_LEVEL: { schema: env.logLevel(), description: 'pino log level' },
};

export type SimulatorConfig = ConfigOf<typeof SIMULATOR_SETTINGS>;

export function loadSimulatorConfig(environment: NodeJS.ProcessEnv = process.env): SimulatorConfig {
  return parseConfig(SIMULATOR_SETTINGS, environment, ['SIM_']);
}
