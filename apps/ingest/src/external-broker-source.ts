import { parseGatewayTopic } from '@zeropark/contracts';
import type { GatewayAccount, ParkRegistry } from '@zeropark/registry';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { IngestMetrics } from './ingest-metrics.js';
import type { IngestPipeline } from './ingest-pipeline.js';
import { INGEST_SHARED_SUBSCRIPTION } from './mosquitto/mosquitto-files.js';

export interface ExternalBrokerOptions {
  url: string;
  username: string;
  password: string;
  /** Stable across restarts: it names the persistent session the broker keeps for this instance. */
  instance: string;
}

/**
 * The ingest behind an external broker (Mosquitto, EMQX): a persistent session (fixed client
 * id, clean off) on a shared subscription, so several instances split the load and a restarted
 * one gets what was queued for it. mqtt.js sends the PUBACK when `handleMessage` calls back
 * (build/lib/handlers/publish.js), so it calls back only after the journal commit; a failure
 * calls back with the error, no PUBACK goes out, and the broker delivers the message again.
 *
 * Who sent a message is read from its topic: the broker's ACL (deploy/mosquitto) is what keeps a
 * gateway to its own topics here.
 */
export class ExternalBrokerSource {
  private readonly client: MqttClient;
  private pipeline: IngestPipeline | undefined;

  constructor(
    options: ExternalBrokerOptions,
    private readonly parks: ReadonlyMap<string, ParkRegistry>,
    private readonly metrics: IngestMetrics,
    private readonly logger: Logger,
  ) {
    this.client = mqtt.connect(options.url, {
      clientId: `zeropark-ingest-${options.instance}`,
      clean: false,
      username: options.username,
      password: options.password,
      reconnectPeriod: 1000,
      manualConnect: true,
    });
    this.client.handleMessage = (packet, done) => {
      this.receive(packet.topic, Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload)).then(
        () => done(),
        (error: Error) => done(error),
      );
    };
    this.client.on('connect', (connack) => {
      logger.info({ broker: options.url, sessionPresent: connack.sessionPresent }, 'connected to the external broker');
      if (!connack.sessionPresent) {
        this.client.subscribe(INGEST_SHARED_SUBSCRIPTION, { qos: 1 }, (error, granted) => {
          if (error !== null && error !== undefined) logger.error({ err: error }, 'subscription to the gateways failed');
          else if (granted?.some((grant) => grant.qos > 2)) logger.error({ granted }, 'the broker refused the subscription: check its ACL for zeropark-ingest');
        });
      }
    });
    this.client.on('error', (error) => logger.warn({ reason: error.message }, 'external broker connection error'));
  }

  get connected(): boolean {
    return this.client.connected;
  }

  /** Connects; every message goes through `pipeline`, the first ones perhaps before this resolves. */
  async start(pipeline: IngestPipeline): Promise<void> {
    this.pipeline = pipeline;
    this.client.connect();
    await new Promise<void>((resolve, reject) => {
      this.client.once('connect', () => resolve());
      this.client.once('error', reject);
    });
  }

  /**
   * Hands a message to mqtt.js, which sends it at QoS 1 and keeps it until its PUBACK. It does
   * not wait for that PUBACK: mqtt.js handles incoming packets one at a time, so waiting here,
   * inside `handleMessage`, would wait for a packet queued behind the one being handled.
   */
  async publish(topic: string, payload: string): Promise<void> {
    this.client.publish(topic, payload, { qos: 1 }, (error) => {
      if (error) this.logger.warn({ topic, reason: error.message }, 'publish to the external broker failed');
    });
  }

  async close(): Promise<void> {
    await this.client.endAsync();
  }

  private async receive(topic: string, payload: Buffer): Promise<void> {
    const parsed = parseGatewayTopic(topic);
    const account: GatewayAccount | undefined = parsed === undefined ? undefined : this.parks.get(parsed.parkId)?.gateways.get(parsed.gatewayId);
    if (parsed?.kind !== 'readings' || account === undefined) {
      this.metrics.aclDenials.inc({ action: 'publish' });
      this.logger.warn({ topic }, 'message for a gateway the registry does not know: acknowledged and dropped (check the broker ACL against the registry)');
      return;
    }
    if (this.pipeline === undefined) throw new Error('not started');
    await this.pipeline.handleReadings(account, payload);
  }
}
