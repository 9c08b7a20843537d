import { loadRegistryFile } from '@zeropark/registry';
import { runService } from '@zeropark/service-runtime';
import { pino } from 'pino';
import { ParkSimulator } from './park-simulator.js';
import { loadSimulatorConfig } from './simulator.config.js';
import { loadSimulatorCredentials } from './simulator-credentials.js';
import { startTripControl } from './trip-control-server.js';

/** Entry point: `node simulators/park/dist/main.js`, configured by the environment (simulators/park/README.md). */
void runService('park-simulator', async () => {
  const config = loadSimulatorConfig();
  const logger = pino({ name: 'park-simulator', level: config.LOG_LEVEL });
  const credentials = await loadSimulatorCredentials(config.SIM_CREDENTIALS);
  const registry = await loadRegistryFile(credentials.registryFile);
  const simulator = new ParkSimulator({
    registry,
    credentials,
    brokerUrl: config.SIM_BROKER_URL,
    intervalMs: config.SIM_INTERVAL_MS,
    stateFile: config.SIM_STATE_FILE,
    seed: config.SIM_SEED,
    logger,
  });
  simulator.start();
  const control = await startTripControl(simulator.trips, config.SIM_CONTROL_HOST, config.SIM_CONTROL_PORT, Date.now, (outcome, action) => {
    if (outcome.ok) logger.warn({ trip: outcome.trip }, action === 'start' ? 'trip started' : 'trip ended');
    void simulator.applyTrip(outcome, action);
  });
  logger.info({ url: `http://${config.SIM_CONTROL_HOST}:${control.port}/trips` }, 'trip control listening');
  logger.info({ park: registry.topology.park.id, gateways: credentials.gateways.map((gateway) => gateway.id), everyMs: config.SIM_INTERVAL_MS }, 'simulating');
  return {
    stop: async () => {
      control.server.close();
      await simulator.stop();
    },
    log: (fields, message) => logger.info(fields, message),
  };
});
