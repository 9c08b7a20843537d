import { gatewayTopic, GATEWAY_STATUS, type ReadingBatch } from '@zeropark/contracts';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';

/**
 * One simulated gateway as a real one behaves: its own login, a retained `online` status with
 * `offline` as its last will, QoS 1 batches with a rising `seq`, and an ear on its `rejected` topic.
 */
export class GatewayClient {
  private readonly client: MqttClient;
  /** Set by `dropConnection`, cleared by `reconnect`: whether the gateway is to stay away. */
  private away = false;

  constructor(
    readonly parkId: string,
    readonly gatewayId: string,
    secret: string,
    brokerUrl: string,
    private readonly logger: Logger,
  ) {
    const status = gatewayTopic(parkId, gatewayId, 'status');
    this.client = mqtt.connect(brokerUrl, {
      clientId: `sim-${parkId}-${gatewayId}`,
      username: gatewayId,
      password: secret,
      clean: true,
      reconnectPeriod: 1000,
      will: { topic: status, payload: Buffer.from(GATEWAY_STATUS.offline), qos: 1, retain: true },
    });
    this.client.on('connect', () => {
      logger.info({ gateway: gatewayId }, 'gateway connected');
      this.client.publish(status, GATEWAY_STATUS.online, { qos: 1, retain: true });
      this.client.subscribe(gatewayTopic(parkId, gatewayId, 'rejected'), { qos: 1 });
    });
    this.client.on('message', (_topic, payload) => logger.warn({ gateway: gatewayId, rejection: payload.toString() }, 'the ingest refused readings'));
    this.client.on('error', (error) => logger.warn({ gateway: gatewayId, reason: error.message }, 'gateway connection error'));
  }

  get connected(): boolean {
    return this.client.connected;
  }

  async publish(batch: ReadingBatch): Promise<void> {
    await this.client.publishAsync(gatewayTopic(this.parkId, this.gatewayId, 'readings'), JSON.stringify(batch), { qos: 1 });
  }

  /**
   * Drops the connection without a DISCONNECT, as a gateway losing power does: the broker sends
   * the last will. A gateway still connecting (a trip asked for just after the simulator started)
   * is dropped once its connection is up, so that the broker has a will to send; it is waited for
   * at most `connectWaitMs`, and dropped as it is after that.
   */
  async dropConnection(connectWaitMs = 10_000): Promise<void> {
    this.away = true;
    if (!this.client.connected) await connectedWithin(this.client, connectWaitMs);
    if (this.away) await this.client.endAsync(true); // unless it was asked back meanwhile
  }

  /** Connects again after `dropConnection`, announcing itself online. */
  reconnect(): void {
    this.away = false;
    this.client.reconnect();
  }

  async close(): Promise<void> {
    await this.client.publishAsync(gatewayTopic(this.parkId, this.gatewayId, 'status'), GATEWAY_STATUS.offline, { qos: 1, retain: true }).catch(() => undefined);
    await this.client.endAsync();
  }
}

/** Resolves once the client is connected, or after `ms` in any case. */
function connectedWithin(client: MqttClient, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off('connect', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    client.on('connect', done);
  });
}
