import { parseGatewayTopic } from '@zeropark/contracts';
import type { GatewayAccount, ParkRegistry } from '@zeropark/registry';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { IngestMetrics } from './ingest-metrics.js';
import type { IngestPipeline } from './ingest-pipeline.js';
import { INGEST_SUBSCRIPTIONS, type IngestSubscription } from './broker-subscription.js';
import { boundForLog } from './log-bound.js';

export interface ExternalBrokerOptions {
  url: string;
  username: string;
  password: string;
  /** Stable across restarts: it names the persistent session the broker keeps for this instance. */
  instance: string;
  /** One instance on a subscription of its own session, or several sharing one. */
  subscription: IngestSubscription;
  /** Told whether the broker has granted the subscription to the gateways, and why not: for the ingest's health. */
  onSubscribed?: (granted: boolean, reason: string) => void;
}

/**
 * The ingest behind an external broker (Mosquitto, EMQX): a persistent session (fixed client
 * id, clean off), on a subscription of its own or shared by several instances that split the
 * load (`broker-subscription.ts`); a restarted instance gets what was queued for it. mqtt.js sends the PUBACK when `handleMessage` calls back
 * (build/lib/handlers/publish.js), so it calls back only after the journal commit; a failure
 * calls back with the error, no PUBACK goes out, and the broker delivers the message again.
 *
 * Who sent a message is read from its topic: the broker's ACL (deploy/mosquitto) is what keeps a
 * gateway to its own topics here.
 */
export class ExternalBrokerSource {
  private readonly client: MqttClient;
  private pipeline: IngestPipeline | undefined;
  /** The broker granted the shared subscription on the current connection. */
  private subscribed = false;

  constructor(
    private readonly options: ExternalBrokerOptions,
    private readonly parks: ReadonlyMap<string, ParkRegistry>,
    private readonly metrics: IngestMetrics,
    private readonly logger: Logger,
  ) {
    this.client = mqtt.connect(options.url, {
      clientId: `zeropark-ingest-${options.instance}`,
      clean: false,
      username: options.username,
      password: options.password,
      // soon after a broker restart: with a shared subscription, what comes before it is lost
      reconnectPeriod: 100,
      manualConnect: true,
      // subscribed below on every connect; mqtt.js would do it again only for a new session
      resubscribe: false,
    });
    this.client.handleMessage = (packet, done) => {
      this.receive(packet.topic, Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload)).then(
        () => done(),
        (error: Error) => done(error),
      );
    };
    const subscription = INGEST_SUBSCRIPTIONS[options.subscription];
    let connectionErrors = 0;
    let lastError = '';
    this.client.on('connect', (connack) => {
      connectionErrors = 0;
      logger.info({ broker: options.url, sessionPresent: connack.sessionPresent }, 'connected to the external broker');
      this.setSubscribed(false, 'connected, waiting for the SUBACK');
      // Subscribed on every connect, a present session too: Mosquitto 2.0 restores a session after
      // its own restart but not the session's shared subscriptions ($share/…), so a present session
      // may subscribe to nothing. A repeated SUBSCRIBE replaces the same filter's [MQTT-3.8.4-3].
      this.client.subscribe(subscription, { qos: 1 }, (error, granted) => {
        if (error !== null && error !== undefined) {
          logger.error({ err: error }, 'subscription to the gateways failed: no readings reach this instance');
          // mqtt.js 5 reports a SUBACK refusal (0x80) as an error that carries the SUBACK
          const refused = (error as { packet?: { cmd?: string } }).packet?.cmd === 'suback';
          this.setSubscribed(false, refused ? `the broker refused it (SUBACK 0x80): check its ACL for ${options.username}` : `the subscription failed: ${error.message}`);
        } else if (granted === undefined || granted.length === 0 || granted.some((grant) => grant.qos > 2)) {
          // SUBACK return code 0x80 is a refusal [MQTT-3.9.3]
          logger.error({ granted }, 'the broker refused the subscription to the gateways: no readings reach this instance (check its ACL for zeropark-ingest)');
          this.setSubscribed(false, `the broker refused it (SUBACK 0x80): check its ACL for ${options.username}`);
        } else {
          this.setSubscribed(true, 'granted');
          logger.info({ subscription }, 'subscribed to the gateways');
        }
      });
    });
    this.client.on('close', () => {
      if (this.subscribed) logger.warn({ broker: options.url }, 'connection to the external broker lost: reconnecting');
      this.setSubscribed(false, `no connection to ${options.url}${lastError === '' ? '' : ` (${lastError})`}`);
    });
    this.client.on('error', (error) => {
      lastError = error.message;
      // retried ten times a second while the broker is away: the first of a run is logged, then every hundredth
      if (connectionErrors++ % 100 === 0) logger.warn({ reason: error.message, failedAttempts: connectionErrors }, 'external broker connection error');
    });
  }

  /** Readings can reach this instance: connected, and the shared subscription granted. */
  get ready(): boolean {
    return this.client.connected && this.subscribed;
  }

  /** Connects; every message goes through `pipeline`, the first ones perhaps before this resolves. */
  async start(pipeline: IngestPipeline): Promise<void> {
    this.pipeline = pipeline;
    this.options.onSubscribed?.(false, 'not connected yet');
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
  async publish(topic: string, payload: string, retain = false): Promise<void> {
    this.client.publish(topic, payload, { qos: 1, retain }, (error) => {
      if (error) this.logger.warn({ topic, reason: error.message }, 'publish to the external broker failed');
    });
  }

  async close(): Promise<void> {
    await this.client.endAsync();
  }

  private setSubscribed(subscribed: boolean, reason: string): void {
    this.subscribed = subscribed;
    this.metrics.brokerSubscribed.set(subscribed ? 1 : 0);
    this.options.onSubscribed?.(subscribed, reason);
  }

  private async receive(topic: string, payload: Buffer): Promise<void> {
    const parsed = parseGatewayTopic(topic);
    const account: GatewayAccount | undefined = parsed === undefined ? undefined : this.parks.get(parsed.parkId)?.gateways.get(parsed.gatewayId);
    if (parsed?.kind !== 'readings' || account === undefined) {
      this.metrics.aclDenials.inc({ action: 'publish' });
      this.logger.warn({ topic: boundForLog(topic) }, 'message for a gateway the registry does not know: acknowledged and dropped (check the broker ACL against the registry)');
      return;
    }
    if (this.pipeline === undefined) throw new Error('not started');
    await this.pipeline.handleReadings(account, payload);
  }
}
