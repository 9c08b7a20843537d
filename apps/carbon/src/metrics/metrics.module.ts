import { Module } from '@nestjs/common';
import { CarbonMetrics } from './carbon-metrics.js';

@Module({ providers: [CarbonMetrics], exports: [CarbonMetrics] })
export class MetricsModule {}
