import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { AlertsController } from './alerts.controller.js';
import { AlertsGateway } from './alerts.gateway.js';
import { AlertsService } from './alerts.service.js';

@Module({
  imports: [MetricsModule, LiveModule],
  providers: [AlertsService, AlertsGateway],
  controllers: [AlertsController],
  exports: [AlertsService],
})
export class AlertsModule {}
