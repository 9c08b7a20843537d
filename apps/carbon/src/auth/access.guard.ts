import { CanActivate, ExecutionContext, ForbiddenException, Injectable, SetMetadata, UnauthorizedException, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessDenied, hasRole, mayRead, type AccessGrant, type Role } from '@zeropark/access';
import { AccessTokensService } from './access-tokens.service.js';

const REQUIRED_ROLE = 'zeropark:required-role';

/** The least role a route needs (viewer when not said). */
export const RequiresRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

/** What the guard reads of an HTTP request, and the grant it leaves on it. */
interface GrantedRequest {
  headers: { authorization?: string };
  params: Record<string, string | undefined>;
  access?: AccessGrant;
}

/** The grant the guard found, for handlers that filter by it. */
export const Access = createParamDecorator((_data: unknown, context: ExecutionContext): AccessGrant => {
  const grant = context.switchToHttp().getRequest<GrantedRequest>().access;
  if (grant === undefined) throw new UnauthorizedException('no access grant: is the route missing AccessGuard?');
  return grant;
});

/**
 * Every REST call under /api carries a token (`Authorization: Bearer …`): 401 without a valid
 * one; 403 when the route's `:parkId` is not among the token's parks, or its role is too low.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly tokens: AccessTokensService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<GrantedRequest>();
    let grant: AccessGrant;
    try {
      grant = await this.tokens.grantOf(AccessTokensService.bearerToken(request.headers.authorization));
    } catch (error) {
      if (error instanceof AccessDenied) throw new UnauthorizedException(error.message);
      throw error;
    }
    const parkId = request.params.parkId;
    if (typeof parkId === 'string' && !mayRead(grant, parkId)) throw new ForbiddenException(`your token does not name park "${parkId}"`);
    const role = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, [context.getHandler(), context.getClass()]) ?? 'viewer';
    if (!hasRole(grant, role)) throw new ForbiddenException(`this needs the ${role} role; your token has ${grant.role}`);
    request.access = grant;
    return true;
  }
}
