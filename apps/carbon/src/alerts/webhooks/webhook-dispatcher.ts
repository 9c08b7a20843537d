import type { AlertWebhook } from '@zeropark/contracts';
import { retryDelay } from '@zeropark/service-runtime';
import type { Logger } from 'pino';
import type { CarbonMetrics } from '../../metrics/carbon-metrics.js';
import type { WebhookOutbox } from './webhook-outbox.js';
import { WEBHOOK_HEADERS, webhookSignature } from './webhook-signature.js';

/** A webhook with its signing secret, read from the environment at start. */
export interface ArmedWebhook extends AlertWebhook {
  park: string;
  secret: string;
}

export interface WebhookDispatcherOptions {
  /** First wait after a failure; doubles up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** A delivery still failing this long after it was queued is abandoned (kept, logged, counted). */
  giveUpAfterMs: number;
  timeoutMs: number;
  clock: () => number;
}

/**
 * Sends what the outbox owes each webhook, in order, one at a time per webhook: a receiver
 * sees a firing before its resolution, and a failing receiver waits alone, retried with backoff,
 * while the others go on. Every attempt is signed anew with its own timestamp; the body and the
 * idempotency key stay the same.
 */
export class WebhookDispatcher {
  private readonly pumping = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly failures = new Map<string, number>();
  private stopped = false;

  constructor(
    private readonly webhooks: ReadonlyMap<string, ArmedWebhook>,
    private readonly outbox: WebhookOutbox,
    private readonly options: WebhookDispatcherOptions,
    private readonly logger: Logger,
    private readonly metrics: CarbonMetrics,
  ) {}

  /** Starts sending whatever was owed before a restart. */
  start(): void {
    for (const id of this.webhooks.keys()) void this.pump(id);
  }

  /** Queues bodies for webhooks (durably) and sends them. */
  enqueue(deliveries: readonly { webhook: string; key: string; body: string }[]): void {
    if (deliveries.length === 0) return;
    this.outbox.add(deliveries, this.options.clock());
    for (const webhook of new Set(deliveries.map((delivery) => delivery.webhook))) void this.pump(webhook);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
  }

  private async pump(id: string): Promise<void> {
    const webhook = this.webhooks.get(id);
    if (webhook === undefined || this.pumping.has(id) || this.stopped) return;
    this.pumping.add(id);
    clearTimeout(this.timers.get(id));
    try {
      for (let delivery = this.outbox.next(id); delivery !== undefined && !this.stopped; delivery = this.outbox.next(id)) {
        const now = this.options.clock();
        if (delivery.nextAt > now) {
          this.timers.set(id, setTimeout(() => void this.pump(id), delivery.nextAt - now));
          return;
        }
        const error = await this.send(webhook, delivery.key, delivery.body);
        const after = this.options.clock();
        if (error === undefined) {
          this.outbox.delivered(delivery.id, after);
          this.failures.delete(id);
          this.metrics.webhookDeliveries.inc({ webhook: id, outcome: 'delivered' });
          this.logger.info({ webhook: id, key: delivery.key, attempts: delivery.attempts + 1 }, 'webhook delivered');
          continue;
        }
        this.metrics.webhookDeliveries.inc({ webhook: id, outcome: 'failed' });
        if (after - delivery.createdAt >= this.options.giveUpAfterMs) {
          this.outbox.abandon(delivery.id, after, error);
          this.metrics.webhookDeliveries.inc({ webhook: id, outcome: 'abandoned' });
          this.logger.error({ webhook: id, key: delivery.key, attempts: delivery.attempts + 1, reason: error }, 'webhook abandoned after retrying too long');
          continue;
        }
        const failures = (this.failures.get(id) ?? 0) + 1;
        this.failures.set(id, failures);
        const wait = retryDelay(failures, { initialMs: this.options.initialDelayMs, maxMs: this.options.maxDelayMs });
        this.outbox.retryLater(delivery.id, after + wait, error);
        this.logger.warn({ webhook: id, key: delivery.key, attempts: delivery.attempts + 1, reason: error, retryInMs: wait }, 'webhook failed: retrying');
      }
    } finally {
      this.pumping.delete(id);
      this.metrics.webhooksOwed.set({ webhook: id }, this.outbox.owed(id));
    }
  }

  /** One signed attempt; undefined when the receiver answered 2xx, else why not. */
  private async send(webhook: ArmedWebhook, key: string, body: string): Promise<string | undefined> {
    const timestamp = Math.floor(this.options.clock() / 1000);
    try {
      const response = await fetch(webhook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'ZeroPark-Alerts/1',
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: webhookSignature(webhook.secret, timestamp, body),
          [WEBHOOK_HEADERS.idempotencyKey]: key,
        },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      return response.ok ? undefined : `the receiver answered ${response.status} ${response.statusText}`;
    } catch (error) {
      return (error as Error).message;
    }
  }
}
