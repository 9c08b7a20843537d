import { Controller, Get, Header, Headers, HttpCode, Inject, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { mayReadMetrics } from '@zeropark/service-runtime';
import { BusClientService } from '../bus/bus-client.service.js';
import type { CarbonConfig } from '../carbon.config.js';
import { CARBON_CONFIG } from '../config/injection-tokens.js';
import { CarbonMetrics } from '../metrics/carbon-metrics.js';

/** `/healthz` (the process answers), `/readyz` (the bus is connected), `/metrics` (with CARBON_METRICS_TOKEN, to its bearer only). */
@Controller()
export class HealthController {
  constructor(
    private readonly metrics: CarbonMetrics,
    private readonly bus: BusClientService,
    @Inject(CARBON_CONFIG) private readonly config: CarbonConfig,
  ) {}

  @Get('healthz')
  @HttpCode(200)
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  ready(): { status: 'ready' } {
    if (!this.bus.connected) throw new ServiceUnavailableException('waiting for the bus');
    return { status: 'ready' };
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async prometheus(@Headers('authorization') authorization: string | undefined): Promise<string> {
    if (!mayReadMetrics(authorization, this.config.CARBON_METRICS_TOKEN)) throw new UnauthorizedException('/metrics needs the service\'s metrics token: Authorization: Bearer <CARBON_METRICS_TOKEN>');
    return this.metrics.registry.metrics();
  }
}
