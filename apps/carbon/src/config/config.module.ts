import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { ParkRegistry } from '@zeropark/registry';
import type { Logger } from 'pino';
import type { CarbonConfig } from '../carbon.config.js';
import { CARBON_CONFIG, CLOCK, LOGGER, PARKS, type Clock } from './injection-tokens.js';

export interface CarbonContext {
  config: CarbonConfig;
  parks: ReadonlyMap<string, ParkRegistry>;
  logger: Logger;
  clock?: Clock;
}

/** The validated configuration, the loaded registries, the logger and the clock, for every module. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(context: CarbonContext): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: CARBON_CONFIG, useValue: context.config },
        { provide: PARKS, useValue: context.parks },
        { provide: LOGGER, useValue: context.logger },
        { provide: CLOCK, useValue: context.clock ?? Date.now },
      ],
      exports: [CARBON_CONFIG, PARKS, LOGGER, CLOCK],
    };
  }
}
