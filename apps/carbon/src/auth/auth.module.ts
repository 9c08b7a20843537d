import { Global, Module } from '@nestjs/common';
import { AccessGuard } from './access.guard.js';
import { AccessTokensService } from './access-tokens.service.js';
import { RefusalLog } from './refusal-log.service.js';

/** Access tokens, the guard every /api route uses, and the log of refused requests. */
@Global()
@Module({
  providers: [AccessTokensService, AccessGuard, RefusalLog],
  exports: [AccessTokensService, AccessGuard, RefusalLog],
})
export class AuthModule {}
