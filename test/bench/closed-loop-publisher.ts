import type { LoadPark } from '../support/load-park.js';
import { GatewayConnection } from './gateway-connection.js';
import { LoadPayloads } from './load-payloads.js';

export interface ClosedLoopOptions {
  brokerUrl: string;
  park: LoadPark;
  readingsPerMessage: number;
  /** QoS 1 messages each gateway keeps in flight. */
  window: number;
  firstTs: number;
}

/**
 * Publishers as fast as the broker acknowledges: each gateway keeps `window` QoS 1 messages in
 * flight and sends the next as each PUBACK comes. Latency from publish to PUBACK is kept per message,
 * with the time it was sent, so that a benchmark can leave out its warm-up.
 *
 * Each gateway is a `GatewayConnection`, its batches written by `LoadPayloads`.
 */
export class ClosedLoopPublisher {
  acknowledgedReadings = 0;
  private readonly acks: { sentAt: number; latencyMs: number }[] = [];
  private readonly connections: GatewayConnection[] = [];
  private running = false;
  private readonly payloads: LoadPayloads;

  constructor(private readonly options: ClosedLoopOptions) {
    this.payloads = new LoadPayloads(options.readingsPerMessage, options.firstTs);
  }

  /** Connects every gateway (each authenticates once, which costs the broker a scrypt hash), then starts publishing. */
  async start(): Promise<void> {
    await this.connect();
    this.publish();
  }

  async connect(): Promise<void> {
    const url = new URL(this.options.brokerUrl);
    for (const gateway of this.options.park.gateways) {
      this.connections.push(await GatewayConnection.open(url, `bench-${gateway.id}`, gateway.id, gateway.secret));
    }
  }

  /** Starts every connected gateway publishing. */
  publish(): void {
    this.running = true;
    this.options.park.gateways.forEach((gateway, index) => {
      const connection = this.connections[index];
      if (connection === undefined) return;
      let seq = 0;
      const topic = `parks/${this.options.park.parkId}/gateways/${gateway.id}/readings`;
      const next = (): void => {
        if (!this.running) return;
        seq += 1;
        const sentAt = performance.now();
        connection.publish(topic, this.payloads.batch(seq, gateway.meters), () => {
          this.acknowledgedReadings += this.options.readingsPerMessage;
          this.acks.push({ sentAt, latencyMs: performance.now() - sentAt });
          next();
        });
      };
      for (let slot = 0; slot < this.options.window; slot += 1) next();
    });
  }

  /** The p-th percentile of the PUBACK latencies of the messages sent from `since` (a `performance.now()` time). */
  ackLatencyPercentile(p: number, since = 0): number {
    return percentile(this.acks.filter((ack) => ack.sentAt >= since).map((ack) => ack.latencyMs), p);
  }

  /** Stops publishing, waits for the PUBACKs in flight, and disconnects; throws if a gateway lost its connection meanwhile. */
  async stop(): Promise<void> {
    this.running = false;
    await new Promise((resolve) => setTimeout(resolve, 500));
    await Promise.all(this.connections.map((connection) => connection.close()));
  }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
