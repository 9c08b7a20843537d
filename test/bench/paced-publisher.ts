import type { LoadPark } from '../support/load-park.js';
import { GatewayConnection } from './gateway-connection.js';
import { LoadPayloads } from './load-payloads.js';

export interface PacedOptions {
  brokerUrl: string;
  park: LoadPark;
  readingsPerMessage: number;
  /** Messages per second for each gateway. */
  messagesPerSecond: number;
  firstTs: number;
}

/** Every 5 ms each gateway sends what its rate owes since it started. */
const TICK_MS = 5;

/**
 * Gateways that publish at a steady rate with QoS 1, whatever the broker answers: the background
 * load of the latency phases of `npm run bench:live`. Each tick sends what the rate owes since the
 * start, so a late timer (a busy machine) does not lower the load, as a `setInterval` per message
 * did: it delivered 59 000 of 70 000 readings/s asked for.
 */
export class PacedPublisher {
  acknowledgedReadings = 0;
  private readonly connections: GatewayConnection[] = [];
  private readonly payloads: LoadPayloads;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: PacedOptions) {
    this.payloads = new LoadPayloads(options.readingsPerMessage, options.firstTs);
  }

  async start(): Promise<void> {
    const { park, brokerUrl } = this.options;
    const url = new URL(brokerUrl);
    for (const gateway of park.gateways) this.connections.push(await GatewayConnection.open(url, `load-${gateway.id}`, gateway.id, gateway.secret));
    const started = performance.now();
    let sent = 0; // messages each gateway has sent
    this.timer = setInterval(() => {
      const owed = Math.floor(((performance.now() - started) / 1000) * this.options.messagesPerSecond);
      for (; sent < owed; sent += 1) {
        park.gateways.forEach((gateway, index) => {
          this.connections[index]?.publish(`parks/${park.parkId}/gateways/${gateway.id}/readings`, this.payloads.batch(sent + 1, gateway.meters), () => {
            this.acknowledgedReadings += this.options.readingsPerMessage;
          });
        });
      }
    }, TICK_MS);
  }

  /** Stops publishing, waits up to `settleMs` for acknowledgements in flight, and disconnects. */
  async stop(settleMs: number): Promise<void> {
    clearInterval(this.timer);
    const deadline = Date.now() + settleMs;
    while (this.connections.some((connection) => connection.inFlight > 0) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await Promise.all(this.connections.map((connection) => connection.close()));
  }
}
