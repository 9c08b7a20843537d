import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { CLOCK, LOGGER, type Clock } from '../config/injection-tokens.js';
import { RepeatedWarnings } from './repeated-warnings.js';

/** How often repeated refusals of one kind reach the log: once, then a count an interval. */
const REFUSAL_LOG_INTERVAL_MS = 10_000;

/** The service's log of refused requests from dashboards, each kind at most once an interval. */
@Injectable()
export class RefusalLog implements OnModuleDestroy {
  private readonly warnings: RepeatedWarnings;
  private readonly timer: NodeJS.Timeout;

  constructor(@Inject(LOGGER) logger: Logger, @Inject(CLOCK) clock: Clock) {
    this.warnings = new RepeatedWarnings((fields, message) => logger.warn(fields, message), REFUSAL_LOG_INTERVAL_MS, clock);
    this.timer = setInterval(() => this.warnings.flush(), REFUSAL_LOG_INTERVAL_MS).unref();
  }

  /** `kind` groups the refusals counted together, e.g. `join` or `acknowledge-role`. */
  warn(kind: string, fields: Record<string, unknown>, message: string): void {
    this.warnings.warn(kind, fields, message);
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.warnings.flush();
  }
}
