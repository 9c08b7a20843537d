import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { AccessGrant } from '@zeropark/access';
import { listAlerts, liveFiguresOf, ParkAlerts, type AlertChange, type AlertListFilter } from '@zeropark/alerts';
import { PLATFORM_ALERT_RULES, type AcceptedBatch, type Alert, type AlertRecord, type AlertRule, type RuleMute, type ServiceHealth } from '@zeropark/contracts';
import type { ParkRegistry } from '@zeropark/registry';
import type { TimeseriesStore } from '@zeropark/timeseries';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { CarbonConfig } from '../carbon.config.js';
import { CARBON_CONFIG, CLOCK, LOGGER, PARKS, STORE, type Clock } from '../config/injection-tokens.js';
import { LiveStateService } from '../live/live-state.service.js';
import { CarbonMetrics } from '../metrics/carbon-metrics.js';
import { armWebhooks, webhookDeliveries } from './webhooks/armed-webhooks.js';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher.js';
import { WebhookOutbox } from './webhooks/webhook-outbox.js';

export type AlertListener = (alert: Alert) => void;

export type AlertActionResult<T> = { ok: true; value: T } | { ok: false; status: 404 | 409; reason: string };

/**
 * The alerts of every park (docs/alerts.md): the rule engine of libs/alerts fed with what the
 * bus brings and evaluated on a tick against the live figures. Each transition is told at once
 * to the park's operators (Socket.IO) and queued durably for the webhooks, then written to the
 * `alert` series; a failed write is kept and tried again on the next tick. After a restart the
 * open alerts and mutes come back from the series, so none is lost or raised twice.
 */
@Injectable()
export class AlertsService implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly engines = new Map<string, ParkAlerts>();
  /** Refused intervals of each meter already told to the engine. */
  private readonly implausibleSeen = new Map<string, Map<string, number>>();
  private readonly listeners = new Set<AlertListener>();
  private readonly outbox: WebhookOutbox;
  private readonly dispatcher: WebhookDispatcher;
  private readonly webhookRules: ReturnType<typeof armWebhooks>;
  private unwritten: AlertRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly evaluateEveryMs: number;

  constructor(
    @Inject(PARKS) private readonly parks: ReadonlyMap<string, ParkRegistry>,
    @Inject(CARBON_CONFIG) config: CarbonConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(STORE) private readonly store: TimeseriesStore,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly metrics: CarbonMetrics,
    private readonly live: LiveStateService,
  ) {
    this.webhookRules = armWebhooks(parks, process.env);
    this.outbox = new WebhookOutbox(join(config.ZEROPARK_DATA_DIR, 'alert-webhooks.db'), clock());
    this.dispatcher = new WebhookDispatcher(
      new Map(this.webhookRules.map((webhook) => [webhook.id, webhook])),
      this.outbox,
      {
        initialDelayMs: config.CARBON_WEBHOOK_RETRY_INITIAL_MS,
        maxDelayMs: config.CARBON_WEBHOOK_RETRY_MAX_MS,
        giveUpAfterMs: config.CARBON_WEBHOOK_GIVE_UP_HOURS * 3_600_000,
        timeoutMs: config.CARBON_WEBHOOK_TIMEOUT_MS,
        clock,
      },
      logger.child({ component: 'webhooks' }),
      metrics,
    );
    this.evaluateEveryMs = config.CARBON_ALERT_EVALUATE_MS;
  }

  /** Open alerts and mutes back from the series before the bus opens; then the tick and the webhooks start. */
  async onModuleInit(): Promise<void> {
    const now = this.clock();
    for (const [parkId, registry] of this.parks) {
      // the platform's own rules in every park: a held-up ingest holds up every park's readings
      const engine = new ParkAlerts(registry.topology, [...registry.alerting.rules, ...PLATFORM_ALERT_RULES], now);
      const latest = await this.store.latestAlerts(parkId);
      const open = latest.flatMap((record) => (record.kind === 'transition' && record.alert.state !== 'resolved' ? [record.alert] : []));
      const mutes = latest.flatMap((record) => (record.kind === 'mute' && record.mute.until > now ? [record.mute] : []));
      engine.restore(open, mutes);
      this.engines.set(parkId, engine);
      this.metrics.alertsOpen.set({ park: parkId }, engine.openAlerts().length);
      if (registry.alerting.rules.length > 0 || open.length > 0) this.logger.info({ park: parkId, rules: registry.alerting.rules.length, open: open.length, mutes: mutes.length }, 'alerts restored from the store');
    }
    this.timer = setInterval(() => void this.evaluate(), this.evaluateEveryMs);
    this.dispatcher.start();
  }

  /** A batch from the bus: its gateway and meters were heard. */
  heard(batch: AcceptedBatch): void {
    this.engines.get(batch.park)?.heard(batch.gateway, batch.readings.map((reading) => reading.meter), this.clock());
  }

  /** A gateway's retained status (its last will says `offline`). */
  gatewayStatus(parkId: string, gatewayId: string, status: 'online' | 'offline'): void {
    this.engines.get(parkId)?.gatewayStatus(gatewayId, status, this.clock());
  }

  /** A service's health message from the bus (retained: the one the broker held, made at its `at`). */
  serviceHealth(health: ServiceHealth, retained: boolean): void {
    const now = this.clock();
    const heardAt = retained ? Math.min(health.at, now) : now;
    for (const engine of this.engines.values()) engine.serviceHealth(health, heardAt);
  }

  /** Every park's rules against its live figures now; what changed is told, queued and written. */
  async evaluate(): Promise<void> {
    const now = this.clock();
    const changes: AlertChange[] = [];
    for (const [parkId, engine] of this.engines) {
      const ledger = this.live.ledger(parkId);
      if (ledger === undefined) continue;
      const meters = ledger.meterLive();
      const seen = this.implausibleSeen.get(parkId) ?? new Map<string, number>();
      this.implausibleSeen.set(parkId, seen);
      for (const [meter, { implausibleIntervals }] of meters) {
        if (implausibleIntervals > (seen.get(meter) ?? 0)) engine.implausible(meter, now);
        seen.set(meter, implausibleIntervals);
      }
      const values = new Map([...meters].map(([meter, live]) => [meter, live.values]));
      changes.push(...engine.evaluate(liveFiguresOf(ledger.snapshot(now), values), now));
    }
    await this.publish(changes.map((change) => ({ kind: 'transition', ...change })));
  }

  openAlerts(parkId: string): Alert[] | undefined {
    return this.engines.get(parkId)?.openAlerts();
  }

  async acknowledge(parkId: string, alertId: string, grant: AccessGrant): Promise<AlertActionResult<Alert>> {
    const engine = this.engines.get(parkId);
    if (engine === undefined) return { ok: false, status: 404, reason: `no park "${parkId}"` };
    const outcome = engine.acknowledge(alertId, grant.subject, this.clock());
    if (!outcome.ok) return { ok: false, status: outcome.refused === 'already-acknowledged' ? 409 : 404, reason: outcome.reason };
    this.logger.info({ park: parkId, alert: alertId, by: grant.subject }, 'alert acknowledged');
    await this.publish([{ kind: 'transition', ...outcome.change }]);
    return { ok: true, value: outcome.change.alert };
  }

  /** Mutes a rule for `minutes` (0 lifts the mute). */
  async mute(parkId: string, ruleId: string, minutes: number, reason: string, grant: AccessGrant): Promise<AlertActionResult<RuleMute>> {
    const engine = this.engines.get(parkId);
    if (engine === undefined) return { ok: false, status: 404, reason: `no park "${parkId}"` };
    const now = this.clock();
    const mute = engine.mute(ruleId, now + minutes * 60_000, grant.subject, reason, now);
    if (mute === undefined) return { ok: false, status: 404, reason: `no rule "${ruleId}" in park "${parkId}"` };
    this.logger.info({ park: parkId, rule: ruleId, until: new Date(mute.until).toISOString(), by: grant.subject, reason }, minutes === 0 ? 'rule unmuted' : 'rule muted');
    await this.publish([{ kind: 'mute', mute }]);
    return { ok: true, value: mute };
  }

  rules(parkId: string): { rule: AlertRule; mutedUntil: number | null }[] | undefined {
    const engine = this.engines.get(parkId);
    if (engine === undefined) return undefined;
    const mutes = new Map(engine.activeMutes(this.clock()).map((mute) => [mute.rule, mute.until]));
    return engine.ruleList().map((rule) => ({ rule, mutedUntil: mutes.get(rule.id) ?? null }));
  }

  /** Alerts open at any time in a range, as they stand now, from the series and the open ones. */
  async list(parkId: string, filter: AlertListFilter): Promise<Alert[] | undefined> {
    const engine = this.engines.get(parkId);
    if (engine === undefined) return undefined;
    const records = await this.store.queryAlerts({ park: parkId, from: filter.from });
    return listAlerts(records, engine.openAlerts(), filter);
  }

  onAlert(listener: AlertListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Told to the sockets, queued for the webhooks, then written; a failed write waits for the next tick. */
  /**
   * Stores the records first, then tells the dashboards and the webhooks: what an operator is
   * told is already in the `alert` series, so the REST list (read from the store) agrees with
   * the push. A failed write is kept and tried again with the next records; the transitions are
   * told all the same, since they happened.
   */
  private async publish(records: AlertRecord[]): Promise<void> {
    const toWrite = [...this.unwritten, ...records];
    this.unwritten = [];
    if (toWrite.length > 0) {
      try {
        await this.store.writeAlerts(toWrite);
      } catch (error) {
        // another publish may have queued records meanwhile: keep both, in order
        this.unwritten = [...toWrite, ...this.unwritten];
        this.metrics.alertWriteFailures.inc();
        this.logger.warn({ reason: (error as Error).message, records: toWrite.length }, 'alert series write failed: kept, trying again');
      }
    }
    for (const record of records) {
      if (record.kind !== 'transition') continue;
      const { alert, transition } = record;
      this.metrics.alertTransitions.inc({ park: alert.park, to: transition.to, severity: alert.severity });
      this.metrics.alertsOpen.set({ park: alert.park }, this.engines.get(alert.park)?.openAlerts().length ?? 0);
      this.logger.info({ park: alert.park, alert: alert.id, rule: alert.rule, to: transition.to, by: transition.by, message: alert.message }, `alert ${transition.to}`);
      for (const listener of this.listeners) listener(alert);
      this.dispatcher.enqueue(webhookDeliveries(this.webhookRules, alert, transition));
    }
  }

  /** The last tick's records reach the store before it closes. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.dispatcher.stop();
    await this.publish([]);
  }

  onApplicationShutdown(): void {
    this.outbox.close();
  }
}
