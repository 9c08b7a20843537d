import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module.js';
import { LiveCarbonGateway } from './live-carbon.gateway.js';
import { LiveStateService } from './live-state.service.js';
import { LiveController } from './live.controller.js';

@Module({
  imports: [MetricsModule],
  providers: [LiveStateService, LiveCarbonGateway],
  controllers: [LiveController],
  exports: [LiveStateService],
})
export class LiveModule {}
