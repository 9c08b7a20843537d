import { Global, Module } from '@nestjs/common';
import { AccessGuard } from './access.guard.js';
import { AccessTokensService } from './access-tokens.service.js';

/** Access tokens and the guard every /api route uses. */
@Global()
@Module({
  providers: [AccessTokensService, AccessGuard],
  exports: [AccessTokensService, AccessGuard],
})
export class AuthModule {}
