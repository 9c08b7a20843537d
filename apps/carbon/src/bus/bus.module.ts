import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module.js';
import { AlertsModule } from '../alerts/alerts.module.js';
import { LiveModule } from '../live/live.module.js';
import { BusClientService } from './bus-client.service.js';

@Module({ imports: [LiveModule, AlertsModule, MetricsModule], providers: [BusClientService], exports: [BusClientService] })
export class BusModule {}
