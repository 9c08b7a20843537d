import { Inject, Injectable } from '@nestjs/common';
import type { CarbonConfig } from '../carbon.config.js';
import { CARBON_CONFIG, CLOCK, type Clock } from '../config/injection-tokens.js';
import { AccessDenied, verifyAccessToken, type AccessGrant } from '@zeropark/access';

/** Checks the tokens of REST calls and WebSocket handshakes against this service's secret. */
@Injectable()
export class AccessTokensService {
  constructor(
    @Inject(CARBON_CONFIG) private readonly config: CarbonConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The grant of a token; AccessDenied when there is none or it is not valid. */
  async grantOf(token: string | undefined): Promise<AccessGrant> {
    if (token === undefined || token === '') throw new AccessDenied('an access token is required: open the dashboard URL you were given, or ask your admin for a token');
    return verifyAccessToken(this.config.CARBON_TOKEN_SECRET, token, this.clock());
  }

  /** The token of an `Authorization: Bearer …` header. */
  static bearerToken(header: string | undefined): string | undefined {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    return match?.[1];
  }
}
