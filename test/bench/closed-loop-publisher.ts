import mqtt, { type MqttClient } from 'mqtt';
import type { LoadPark } from '../support/load-park.js';
import { MeterSteps } from '../support/meter-steps.js';

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
 * flight and sends the next as each PUBACK comes. Latency from publish to PUBACK is kept per message.
 */
export class ClosedLoopPublisher {
  acknowledgedReadings = 0;
  readonly ackLatenciesMs: number[] = [];
  private readonly clients: MqttClient[] = [];
  private running = false;
  private step = 0;
  private readonly meterSteps = new MeterSteps();

  constructor(private readonly options: ClosedLoopOptions) {}

  async start(): Promise<void> {
    for (const gateway of this.options.park.gateways) {
      const client = mqtt.connect(this.options.brokerUrl, { clientId: `bench-${gateway.id}`, username: gateway.id, password: gateway.secret, reconnectPeriod: 0 });
      await new Promise<void>((resolve, reject) => {
        client.once('connect', () => resolve());
        client.once('error', reject);
      });
      this.clients.push(client);
    }
    this.running = true;
    this.options.park.gateways.forEach((gateway, index) => {
      const client = this.clients[index];
      if (client === undefined) return;
      let seq = 0;
      const topic = `parks/${this.options.park.parkId}/gateways/${gateway.id}/readings`;
      const next = (): void => {
        if (!this.running) return;
        seq += 1;
        const readings = Array.from({ length: this.options.readingsPerMessage }, () => {
          const meter = gateway.meters[(this.step += 1) % gateway.meters.length] ?? '';
          const step = this.meterSteps.next(meter);
          return { meter, ts: this.options.firstTs + step, values: { power_kw: step } };
        });
        const sentAt = performance.now();
        client.publishAsync(topic, JSON.stringify({ v: 1, seq, readings }), { qos: 1 }).then(
          () => {
            this.acknowledgedReadings += readings.length;
            this.ackLatenciesMs.push(performance.now() - sentAt);
            next();
          },
          () => undefined,
        );
      };
      for (let slot = 0; slot < this.options.window; slot += 1) next();
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    await new Promise((resolve) => setTimeout(resolve, 500));
    await Promise.all(this.clients.map((client) => client.endAsync(true)));
  }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
