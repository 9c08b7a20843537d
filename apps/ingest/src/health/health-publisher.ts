import { serviceHealthTopic, type ServiceHealth } from '@zeropark/contracts';
import type { Logger } from 'pino';
import type { IngestHealth, JournalState } from './ingest-health.js';

export interface HealthPublisherDeps {
  health: IngestHealth;
  instance: string;
  everyMs: number;
  journal: () => JournalState;
  /** Publishes at QoS 1, retained, on the broker the bus is on. */
  publish: (topic: string, payload: string) => Promise<void>;
  clock: () => number;
  logger: Logger;
}

/** Problems are looked at this often, so a new one goes out within a second of its bound. */
const LOOK_EVERY_MS = 1000;

/**
 * Publishes the ingest's health on `zeropark/v1/health/ingest/{instance}` (libs/contracts
 * `service-health.ts`), retained so that a carbon service that subscribes later gets it at once:
 * every `everyMs`, and as soon as the problems listed change.
 */
export class HealthPublisher {
  private timer: NodeJS.Timeout | undefined;
  private lastKinds = '';
  private lastSentAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly deps: HealthPublisherDeps) {}

  start(): void {
    this.look();
    this.timer = setInterval(() => this.look(), Math.min(LOOK_EVERY_MS, this.deps.everyMs));
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private look(): void {
    const at = this.deps.clock();
    const report = this.deps.health.report(this.deps.journal(), at);
    const kinds = report.problems.map((problem) => problem.kind).join(',');
    if (kinds === this.lastKinds && at - this.lastSentAt < this.deps.everyMs) return;
    if (kinds !== this.lastKinds) this.logChange(report);
    this.lastKinds = kinds;
    this.lastSentAt = at;
    this.deps.publish(serviceHealthTopic('ingest', this.deps.instance), JSON.stringify(report)).catch((error: unknown) => {
      this.deps.logger.warn({ reason: (error as Error).message }, 'health message not published');
    });
  }

  private logChange(report: ServiceHealth): void {
    if (report.problems.length === 0) this.deps.logger.info('health: no problem left');
    for (const problem of report.problems) this.deps.logger.warn({ problem: problem.kind, since: new Date(problem.since).toISOString(), reason: problem.reason }, 'health: a problem the platform alerts on');
  }
}
