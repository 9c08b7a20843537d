import { Controller, Get, Header, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { BusClientService } from '../bus/bus-client.service.js';
import { CarbonMetrics } from '../metrics/carbon-metrics.js';

/** `/healthz` (the process answers), `/readyz` (the bus is connected), `/metrics`. */
@Controller()
export class HealthController {
  constructor(
    private readonly metrics: CarbonMetrics,
    private readonly bus: BusClientService,
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
  async prometheus(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
