import mqttPacket, { type Packet } from 'mqtt-packet';
import { once } from 'node:events';
import { createConnection, type Socket } from 'node:net';

/**
 * One load gateway's MQTT 3.1.1 connection: QoS 1 publishes, each called back on its PUBACK.
 * Its packets are written and read by mqtt-packet (the codec under both mqtt.js and aedes) rather
 * than through mqtt.js's client: the benchmarks' gateways share the machine's two cores with the
 * system they measure, where real gateways run on their own hardware. With mqtt.js's client and
 * `JSON.stringify` they took 0.99–1.18 µs of CPU a reading in bench:ingest's end-to-end phase,
 * this way (and `LoadPayloads`) 0.58–0.60 µs (`publishers_cpu_per_reading`).
 */
export class GatewayConnection {
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

  /** QoS 1 messages sent and not yet acknowledged. */
  get inFlight(): number {
    return this.waiting.size;
  }

  publish(topic: string, payload: string, onAcknowledged: () => void): void {
    const messageId = this.nextMessageId;
    this.nextMessageId = messageId === 65_535 ? 1 : messageId + 1;
    // [MQTT-2.3.1-2] a packet id is not reused while its message is unacknowledged
    if (this.waiting.has(messageId)) throw new Error(`${this.name}: 65 535 messages unacknowledged; the broker has stopped answering`);
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
