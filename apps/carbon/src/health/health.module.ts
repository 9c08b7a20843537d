import { Module } from '@nestjs/common';
import { BusModule } from '../bus/bus.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { HealthController } from './health.controller.js';

@Module({ imports: [MetricsModule, BusModule], controllers: [HealthController] })
export class HealthModule {}
