import mqtt, { type MqttClient } from 'mqtt';
import type { LoadPark } from './load-park.js';
import { MeterSteps } from './meter-steps.js';

export interface LoadOptions {
  brokerUrl: string;
  park: LoadPark;
  readingsPerMessage: number;
  /** Messages per second for each gateway. */
  messagesPerSecond: number;
  /** Time of the first reading; each meter's readings then step by 1 ms, so every reading has its own key. */
  firstTs: number;
}

/**
 * Gateways that publish at a steady rate with QoS 1 and remember which readings were
 * acknowledged: a PUBACK is the platform's promise, so each acknowledged reading must be found
 * in the store afterwards. A reading's `power_kw` is its meter's step (ts − firstTs, see
 * `MeterSteps`), so a value can be checked too.
 */
export class LoadPublisher {
  /** `meter@ts` of every reading whose message got its PUBACK. */
  readonly acknowledged = new Set<string>();
  /** When each of those PUBACKs came, epoch ms: what a broker crash may lose is bounded in time. */
  readonly acknowledgedAt = new Map<string, number>();
  /** `meter@ts` of every reading sent, acknowledged or not. */
  readonly sent = new Set<string>();
  private readonly clients: MqttClient[] = [];
  private timers: NodeJS.Timeout[] = [];
  private step = 0;
  private readonly meterSteps = new MeterSteps();
  private inFlight = 0;

  constructor(private readonly options: LoadOptions) {}

  async start(): Promise<void> {
    const { park, brokerUrl } = this.options;
    for (const gateway of park.gateways) {
      const client = mqtt.connect(brokerUrl, { clientId: `load-${gateway.id}`, username: gateway.id, password: gateway.secret, reconnectPeriod: 250, clean: false });
      this.clients.push(client);
      await new Promise<void>((resolve, reject) => {
        client.once('connect', () => resolve());
        client.once('error', reject);
      });
    }
    const period = 1000 / this.options.messagesPerSecond;
    park.gateways.forEach((gateway, index) => {
      let seq = 0;
      const client = this.clients[index];
      if (client === undefined) return;
      this.timers.push(
        setInterval(() => {
          seq += 1;
          const readings = Array.from({ length: this.options.readingsPerMessage }, () => {
            const meter = gateway.meters[this.step % gateway.meters.length] ?? '';
            this.step += 1;
            const step = this.meterSteps.next(meter);
            return { meter, ts: this.options.firstTs + step, values: { power_kw: step } };
          });
          const keys = readings.map((reading) => `${reading.meter}@${reading.ts}`);
          for (const key of keys) this.sent.add(key);
          this.inFlight += 1;
          client
            .publishAsync(`parks/${park.parkId}/gateways/${gateway.id}/readings`, JSON.stringify({ v: 1, seq, readings }), { qos: 1 })
            .then(
              () => {
                const at = Date.now();
                for (const key of keys) {
                  this.acknowledged.add(key);
                  this.acknowledgedAt.set(key, at);
                }
              },
              () => undefined, // not acknowledged: no promise was made
            )
            .finally(() => (this.inFlight -= 1));
        }, period),
      );
    });
  }

  /** Stops publishing; waits up to `settleMs` for acknowledgements still in flight. */
  async stop(settleMs = 5000): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    const deadline = Date.now() + settleMs;
    while (this.inFlight > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await Promise.all(this.clients.map((client) => client.endAsync(true)));
  }
}
