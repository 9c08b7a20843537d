import { Module, type DynamicModule } from '@nestjs/common';
import { AlertsModule } from './alerts/alerts.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BusModule } from './bus/bus.module.js';
import { ConfigModule, type CarbonContext } from './config/config.module.js';
import { FactorsModule } from './factors/factors.module.js';
import { HealthModule } from './health/health.module.js';
import { HistoryModule } from './history/history.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { RestatementModule } from './restatement/restatement.module.js';
import { LiveModule } from './live/live.module.js';
import { StoreModule } from './store/store.module.js';

@Module({})
export class AppModule {
  static forRoot(context: CarbonContext): DynamicModule {
    return { module: AppModule, imports: [ConfigModule.forRoot(context), AuthModule, StoreModule, LiveModule, AlertsModule, HistoryModule, ReportsModule, FactorsModule, RestatementModule, BusModule, HealthModule] };
  }
}
