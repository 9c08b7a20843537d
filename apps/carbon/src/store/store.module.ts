import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { openStore, storeSettingsFrom, type TimeseriesStore } from '@zeropark/timeseries';
import type { CarbonConfig } from '../carbon.config.js';
import { CARBON_CONFIG, STORE } from '../config/injection-tokens.js';

/** The time-series store (SQLite file or InfluxDB, as configured): the `carbon` series and the readings a restart replays. */
@Global()
@Module({
  providers: [{ provide: STORE, inject: [CARBON_CONFIG], useFactory: (config: CarbonConfig) => openStore(storeSettingsFrom(config)) }],
  exports: [STORE],
})
export class StoreModule implements OnApplicationShutdown {
  constructor(@Inject(STORE) private readonly store: TimeseriesStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
