import type { ReadingBatch } from '@zeropark/contracts';
import type { ParkRegistry } from '@zeropark/registry';
import type { Logger } from 'pino';
import { AlertTrips, type TripOutcome } from './alert-trips.js';
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
  /** Faults played on demand, to trip the park's alert rules. */
  readonly trips: AlertTrips;

  constructor(private readonly options: ParkSimulatorOptions) {
    const { registry, credentials, brokerUrl, logger } = options;
    const parkId = registry.topology.park.id;
    this.clock = options.clock ?? Date.now;
    this.random = seededRandom(options.seed);
    this.gateways = credentials.gateways.map((gateway) => new GatewayClient(parkId, gateway.id, gateway.secret, brokerUrl, logger));
    this.simulated = new Set(credentials.gateways.flatMap((gateway) => [...(registry.gateways.get(gateway.id)?.meters ?? [])]));
    this.state = readSimulatorState(options.stateFile) ?? { ...initialState(registry.topology, this.random), seq: {} };
    this.lastTick = this.clock();
    this.trips = new AlertTrips(registry.topology, new Set(credentials.gateways.map((gateway) => gateway.id)));
  }

  /** What a trip started or ended changes at once: an offline gateway drops or comes back. */
  async applyTrip(outcome: TripOutcome, action: 'start' | 'end'): Promise<void> {
    if (!outcome.ok || outcome.trip.kind !== 'offline') return;
    const gateway = this.gateways.find((candidate) => candidate.gatewayId === outcome.trip.target);
    if (action === 'start') await gateway?.dropConnection();
    else gateway?.reconnect();
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
  }

  async tick(): Promise<void> {
    const now = this.clock();
    const { topology } = this.options.registry;
    for (const meter of this.trips.takeCounterJumps()) {
      const counters = this.state.counters[meter];
      // an hour at rated power within one tick: above rated power × elapsed time, so implausible
      if (counters !== undefined) counters.energy_import_kwh += topology.meters.find((candidate) => candidate.id === meter)?.ratedPowerKw ?? 0;
    }
    const values = advance(topology, this.simulated, this.state, now, now - this.lastTick, this.random, this.trips.targets('overload'));
    const silent = this.trips.targets('silent-meter');
    const offline = this.trips.targets('offline');
    this.lastTick = now;
    const ts = new Date(now).toISOString();
    await Promise.all(
      this.gateways
        .filter((gateway) => gateway.connected && !offline.has(gateway.gatewayId))
        .map((gateway) => {
          const meters = [...(this.options.registry.gateways.get(gateway.gatewayId)?.meters ?? [])];
          const seq = (this.state.seq[gateway.gatewayId] ?? 0) + 1;
          this.state.seq[gateway.gatewayId] = seq;
          const batch: ReadingBatch = {
            v: 1,
            seq,
            readings: meters.flatMap((meter) => {
              const reading = values.get(meter);
              return reading === undefined || silent.has(meter) ? [] : [{ meter, ts, values: reading }];
            }),
          };
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
