import type { ReadingBatch } from '@zeropark/contracts';
import type { ParkRegistry } from '@zeropark/registry';
import type { Logger } from 'pino';
import { GatewayClient } from './gateway-client.js';
import { advance, initialState, seededRandom } from './park-model.js';
import type { SimulatorCredentials } from './simulator-credentials.js';
import { readSimulatorState, writeSimulatorState, type SimulatorState } from './simulator-state-file.js';

export interface ParkSimulatorOptions {
  registry: ParkRegistry;
  credentials: SimulatorCredentials;
  brokerUrl: string;
  intervalMs: number;
  stateFile: string;
  seed: number;
  logger: Logger;
  clock?: () => number;
}

/** Plays every gateway of the credentials file: each tick advances the park and publishes a batch per gateway. */
export class ParkSimulator {
  private readonly gateways: GatewayClient[];
  private readonly simulated: Set<string>;
  private readonly state: SimulatorState;
  private readonly random: () => number;
  private readonly clock: () => number;
  private timer: NodeJS.Timeout | undefined;
  private lastTick: number;

  constructor(private readonly options: ParkSimulatorOptions) {
    const { registry, credentials, brokerUrl, logger } = options;
    const parkId = registry.topology.park.id;
    this.clock = options.clock ?? Date.now;
    this.random = seededRandom(options.seed);
    this.gateways = credentials.gateways.map((gateway) => new GatewayClient(parkId, gateway.id, gateway.secret, brokerUrl, logger));
    this.simulated = new Set(credentials.gateways.flatMap((gateway) => [...(registry.gateways.get(gateway.id)?.meters ?? [])]));
    this.state = readSimulatorState(options.stateFile) ?? { ...initialState(registry.topology, this.random), seq: {} };
    this.lastTick = this.clock();
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
  }

  async tick(): Promise<void> {
    const now = this.clock();
    const values = advance(this.options.registry.topology, this.simulated, this.state, now, now - this.lastTick, this.random);
    this.lastTick = now;
    const ts = new Date(now).toISOString();
    await Promise.all(
      this.gateways
        .filter((gateway) => gateway.connected)
        .map((gateway) => {
          const meters = [...(this.options.registry.gateways.get(gateway.gatewayId)?.meters ?? [])];
          const seq = (this.state.seq[gateway.gatewayId] ?? 0) + 1;
          this.state.seq[gateway.gatewayId] = seq;
          const batch: ReadingBatch = { v: 1, seq, readings: meters.flatMap((meter) => { const reading = values.get(meter); return reading === undefined ? [] : [{ meter, ts, values: reading }]; }) };
          return gateway.publish(batch).catch((error: Error) => this.options.logger.warn({ gateway: gateway.gatewayId, reason: error.message }, 'publish failed'));
        }),
    );
    writeSimulatorState(this.options.stateFile, this.state);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all(this.gateways.map((gateway) => gateway.close()));
    writeSimulatorState(this.options.stateFile, this.state);
  }
}
