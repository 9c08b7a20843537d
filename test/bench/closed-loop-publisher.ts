import { epochMillisecondsText } from '@zeropark/contracts';
import mqttPacket, { type Packet } from 'mqtt-packet';
import { once } from 'node:events';
import { createConnection, type Socket } from 'node:net';
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
 * flight and sends the next as each PUBACK comes. Latency from publish to PUBACK is kept per message,
 * with the time it was sent, so that a benchmark can leave out its warm-up.
 *
 * Each gateway is one MQTT 3.1.1 connection whose packets are written and read by mqtt-packet (the
 * codec under both mqtt.js and aedes) rather than through mqtt.js's client: the benchmark's gateways
 * share the machine's two cores with the system they measure, where real gateways run on their own
 * hardware. With mqtt.js's client and `JSON.stringify` they took 0.99–1.18 µs of CPU a reading in
 * the end-to-end phase, written this way 0.58–0.60 µs (`publishers_cpu_per_reading`).
 */
export class ClosedLoopPublisher {
  acknowledgedReadings = 0;
  private readonly acks: { sentAt: number; latencyMs: number }[] = [];
  private readonly connections: GatewayConnection[] = [];
  private running = false;
  private step = 0;
  private readonly meterSteps = new MeterSteps();

  constructor(private readonly options: ClosedLoopOptions) {}

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
        connection.publish(topic, this.payload(seq, gateway.meters), () => {
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

  /** A batch of payload v1, written as text directly: meter ids match the contract's id pattern, so nothing needs escaping. */
  private payload(seq: number, meters: readonly string[]): string {
    let readings = '';
    for (let index = 0; index < this.options.readingsPerMessage; index += 1) {
      const meter = meters[(this.step += 1) % meters.length] ?? '';
      const step = this.meterSteps.next(meter);
      readings += `${index === 0 ? '' : ','}{"meter":"${meter}","ts":${epochMillisecondsText(this.options.firstTs + step)},"values":{"power_kw":${step}}}`;
    }
    return `{"v":1,"seq":${seq},"readings":[${readings}]}`;
  }
}

/** One gateway's MQTT connection: QoS 1 publishes, each called back on its PUBACK. */
class GatewayConnection {
  private readonly waiting = new Map<number, () => void>();
  private nextMessageId = 1;
  private failure: Error | undefined;
  private closing = false;
  private connackWaiter: ((packet: Packet) => void) | undefined;

  private constructor(
    private readonly socket: Socket,
    private readonly name: string,
  ) {
    const parser = mqttPacket.parser({ protocolVersion: 4 });
    socket.on('data', (chunk: Buffer) => {
      // the PUBACKs of one chunk release as many publishes: corked, they leave in one system call
      socket.cork();
      parser.parse(chunk);
      socket.uncork();
    });
    parser.on('packet', (packet: Packet) => this.received(packet));
    parser.on('error', (error: Error) => this.fail(error));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => {
      if (!this.closing) this.fail(new Error('the broker closed the connection'));
    });
  }

  static async open(url: URL, clientId: string, username: string, secret: string): Promise<GatewayConnection> {
    const socket = createConnection({ host: url.hostname, port: Number(url.port || 1883) });
    socket.setNoDelay(true);
    await once(socket, 'connect');
    const connection = new GatewayConnection(socket, clientId);
    const acknowledged = connection.connack();
    socket.write(mqttPacket.generate({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clientId, clean: true, keepalive: 120, username, password: Buffer.from(secret) }));
    await acknowledged;
    return connection;
  }

  publish(topic: string, payload: string, onAcknowledged: () => void): void {
    const messageId = this.nextMessageId;
    this.nextMessageId = messageId === 65_535 ? 1 : messageId + 1;
    this.waiting.set(messageId, onAcknowledged);
    this.socket.write(mqttPacket.generate({ cmd: 'publish', topic, payload, qos: 1, messageId, retain: false, dup: false }));
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.failure !== undefined) throw this.failure;
    this.socket.end(mqttPacket.generate({ cmd: 'disconnect' }));
    await once(this.socket, 'close');
  }

  private connack(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.connackWaiter = (packet) => {
        if (packet.cmd === 'connack' && packet.returnCode === 0) resolve();
        else reject(new Error(`${this.name}: the broker refused the connection (${JSON.stringify(packet)})`));
      };
      this.socket.once('close', () => reject(this.failure ?? new Error(`${this.name}: closed before CONNACK`)));
    });
  }

  private received(packet: Packet): void {
    if (packet.cmd === 'puback') {
      const messageId = packet.messageId ?? 0;
      const acknowledged = this.waiting.get(messageId);
      if (acknowledged === undefined) return this.fail(new Error(`a PUBACK for message ${messageId}, which was not in flight`));
      this.waiting.delete(messageId);
      acknowledged();
    } else if (packet.cmd === 'connack') {
      this.connackWaiter?.(packet);
    }
  }

  private fail(error: Error): void {
    this.failure ??= new Error(`${this.name}: ${error.message}`);
  }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
