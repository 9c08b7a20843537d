import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { openStoreOffTheLoop, storeSettingsFrom, type TimeseriesStore } from '@zeropark/timeseries';
import type { CarbonConfig } from '../carbon.config.js';
import { CARBON_CONFIG, STORE } from '../config/injection-tokens.js';

/**
 * The time-series store (SQLite file or InfluxDB, as configured): the `carbon` series and the
 * readings a restart replays. SQLite's calls are made by a worker thread, so a long history or a
 * slow commit never holds up the pushes to the dashboards.
 */
@Global()
@Module({
  providers: [{ provide: STORE, inject: [CARBON_CONFIG], useFactory: (config: CarbonConfig) => openStoreOffTheLoop(storeSettingsFrom(config)) }],
  exports: [STORE],
})
export class StoreModule implements OnApplicationShutdown {
  constructor(@Inject(STORE) private readonly store: TimeseriesStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
