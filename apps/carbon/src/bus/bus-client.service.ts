import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import {
  ACCEPTED_TOPIC_FILTER,
  acceptedBatchSchema,
  BUS_USERNAME,
  describeIssues,
  GATEWAY_STATUS,
  GATEWAY_STATUS_TOPIC_FILTER,
  GRID_INTENSITY_TOPIC_FILTER,
  gridIntensitySchema,
  INGEST_HEALTH_TOPIC_FILTER,
  isAcceptedBatch,
  parseGatewayTopic,
  parseGridIntensityTopic,
  parseServiceHealthTopic,
  serviceHealthSchema,
  toEpochMilliseconds,
} from '@zeropark/contracts';
import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { CarbonConfig } from '../carbon.config.js';
import { CARBON_CONFIG, LOGGER } from '../config/injection-tokens.js';
import { CarbonMetrics } from '../metrics/carbon-metrics.js';
import { AlertsService } from '../alerts/alerts.service.js';
import { LiveStateService } from '../live/live-state.service.js';

/** What the service reads on the bus. */
const BUS_TOPIC_FILTERS = [ACCEPTED_TOPIC_FILTER, GRID_INTENSITY_TOPIC_FILTER, GATEWAY_STATUS_TOPIC_FILTER, INGEST_HEALTH_TOPIC_FILTER];

/**
 * Takes accepted batches, the gateways' status, the ingests' health and the live grid-intensity feed from the bus as an ordinary MQTT
 * client with the service account, so it works the same against the embedded broker and an external one. A persistent session (fixed
 * client id, clean off) keeps QoS 1 batches for it across a reconnect.
 */
@Injectable()
export class BusClientService implements OnApplicationBootstrap, OnModuleDestroy {
  private client: MqttClient | undefined;
  /** The broker granted every filter on the current connection. */
  private subscribed = false;

  constructor(
    @Inject(CARBON_CONFIG) private readonly config: CarbonConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly live: LiveStateService,
    private readonly alerts: AlertsService,
    private readonly metrics: CarbonMetrics,
  ) {}

  /** Connected, and every subscription granted: what /readyz waits for. */
  get connected(): boolean {
    return (this.client?.connected ?? false) && this.subscribed;
  }

  onApplicationBootstrap(): void {
    const client = mqtt.connect(this.config.ZEROPARK_BUS_URL, {
      clientId: 'zeropark-carbon',
      clean: false,
      username: BUS_USERNAME,
      password: this.config.ZEROPARK_BUS_SECRET,
      reconnectPeriod: 1000,
      // subscribed below on every connect; mqtt.js would do it again only for a new session
      resubscribe: false,
    });
    this.client = client;
    client.on('connect', (connack) => {
      this.metrics.busConnected.set(1);
      this.subscribed = false;
      this.logger.info({ bus: this.config.ZEROPARK_BUS_URL, sessionPresent: connack.sessionPresent }, 'bus connected');
      // Subscribed on every connect, a present session too: a session the broker kept may lack a
      // filter (one refused, or cut off before its SUBACK, or added since the session began), and a
      // repeated SUBSCRIBE replaces the same filter's [MQTT-3.8.4-3] (as the ingest does, deploy/README.md).
      client.subscribe(BUS_TOPIC_FILTERS, { qos: 1 }, (error, granted) => {
        if (error !== null && error !== undefined) {
          this.logger.error({ err: error }, 'bus subscription failed: not ready');
        } else if (granted === undefined || granted.length !== BUS_TOPIC_FILTERS.length || granted.some((grant) => grant.qos > 2)) {
          // SUBACK return code 0x80 is a refusal [MQTT-3.9.3]
          this.logger.error({ granted }, 'the broker refused a bus subscription: not ready (check its ACL for zeropark-bus)');
        } else {
          this.subscribed = true;
          this.logger.info({ filters: BUS_TOPIC_FILTERS }, 'bus subscribed');
        }
      });
    });
    client.on('close', () => {
      this.subscribed = false;
      this.metrics.busConnected.set(0);
    });
    client.on('error', (error) => this.logger.warn({ reason: error.message }, 'bus connection error'));
    client.on('message', (topic, payload, packet) => this.receive(topic, payload, packet));
  }

  async onModuleDestroy(): Promise<void> {
    await this.client?.endAsync();
  }

  private receive(topic: string, payload: Buffer, packet: IPublishPacket): void {
    const region = parseGridIntensityTopic(topic);
    if (region !== undefined) return this.receiveIntensity(topic, region, payload);
    if (parseServiceHealthTopic(topic) !== undefined) return this.receiveHealth(topic, payload, packet.retain);
    const gateway = parseGatewayTopic(topic);
    if (gateway?.kind === 'status') return this.receiveStatus(gateway.parkId, gateway.gatewayId, payload);
    const json = jsonOf(payload);
    // a batch is taken as it is when it is valid; the schema runs only to say what is wrong
    if (!isAcceptedBatch(json)) {
      const batch = acceptedBatchSchema.safeParse(json);
      this.metrics.batchesRefused.inc();
      this.logger.error({ topic, problems: json === undefined ? ['not JSON'] : batch.success ? [] : describeIssues(batch.error) }, 'bus message is not an accepted batch');
      return;
    }
    if (!this.live.applyBatch(json)) {
      this.metrics.batchesRefused.inc();
      this.logger.warn({ topic, park: json.park }, 'batch for a park this service does not hold');
      return;
    }
    this.alerts.heard(json);
    this.metrics.batchesReceived.inc();
  }

  /** A gateway's retained status; the ingest lets only `online` and `offline` through. */
  private receiveStatus(parkId: string, gatewayId: string, payload: Buffer): void {
    const status = payload.toString('utf8');
    if (status !== GATEWAY_STATUS.online && status !== GATEWAY_STATUS.offline) return;
    this.logger.info({ park: parkId, gateway: gatewayId, status }, 'gateway status');
    this.alerts.gatewayStatus(parkId, gatewayId, status);
  }

  /**
   * A service's health (zeropark/v1/health/ingest/{instance}), for the platform alerts. A retained
   * message, the one the broker held when this service subscribed, counts as heard when it was
   * made; a live one when it arrives, so the clocks of the two hosts need not agree.
   */
  private receiveHealth(topic: string, payload: Buffer, retained: boolean): void {
    const json = jsonOf(payload);
    const message = serviceHealthSchema.safeParse(json);
    const named = parseServiceHealthTopic(topic);
    if (!message.success || message.data.service !== named?.service || message.data.instance !== named.instance) {
      this.logger.error({ topic, problems: json === undefined ? ['not JSON'] : message.success ? ['names another service than its topic'] : describeIssues(message.error) }, 'health message refused');
      return;
    }
    this.alerts.serviceHealth(message.data, retained);
  }

  /** A live grid intensity (grids/{region}/intensity): applied to the parks of that region. */
  private receiveIntensity(topic: string, region: string, payload: Buffer): void {
    const json = jsonOf(payload);
    const message = gridIntensitySchema.safeParse(json);
    if (!message.success) {
      this.metrics.gridIntensitiesRefused.inc();
      this.logger.error({ topic, problems: json === undefined ? ['not JSON'] : describeIssues(message.error) }, 'grid intensity refused');
      return;
    }
    const { kgCo2PerKwh, from, to, source } = message.data;
    const parks = this.live.applyGridIntensity(region, { kgCo2PerKwh, from: toEpochMilliseconds(from), to: toEpochMilliseconds(to), source });
    this.metrics.gridIntensitiesReceived.inc();
    this.logger.info({ region, kgCo2PerKwh, from, to, source, parks }, 'live grid intensity applied');
  }
}

/** The JSON of a payload; undefined when it is not JSON. */
function jsonOf(payload: Buffer): unknown {
  try {
    return JSON.parse(payload.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
