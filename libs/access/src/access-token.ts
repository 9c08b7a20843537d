import { errors, jwtVerify, SignJWT } from 'jose';
import { ROLES, type AccessGrant, type Role } from './access-grant.js';

/**
 * Access tokens: JWTs signed with HMAC-SHA256 (jose) under CARBON_TOKEN_SECRET, holding the
 * subject, the role and the parks. Stateless, so checking one on every REST call and handshake
 * costs a hash, not a lookup; they end at their expiry.
 */
const ISSUER = 'zeropark-carbon';
const ALL_PARKS = '*';

export class AccessDenied extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'AccessDenied';
  }
}

export interface TokenRequest {
  subject: string;
  role: Role;
  /** Park ids, or `['*']` for every park. */
  parks: readonly string[];
  /** Lifetime in seconds. */
  ttlSeconds: number;
}

function keyOf(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function issueAccessToken(secret: string, request: TokenRequest, now: number = Date.now()): Promise<string> {
  const issuedAt = Math.floor(now / 1000);
  return new SignJWT({ role: request.role, parks: [...request.parks] })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setSubject(request.subject)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + request.ttlSeconds)
    .sign(keyOf(secret));
}

/** The grant of a token; throws AccessDenied with a reason a person can act on. */
export async function verifyAccessToken(secret: string, token: string, now: number = Date.now()): Promise<AccessGrant> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, keyOf(secret), { issuer: ISSUER, algorithms: ['HS256'], currentDate: new Date(now) }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new AccessDenied('the token has expired: ask for a new one');
    throw new AccessDenied('the token is not valid here (malformed, or signed with another secret)');
  }
  const { role, parks, sub, exp } = payload;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) throw new AccessDenied('the token names no known role');
  if (!Array.isArray(parks) || !parks.every((park): park is string => typeof park === 'string')) throw new AccessDenied('the token names no parks');
  if (typeof exp !== 'number') throw new AccessDenied('the token has no expiry');
  return { subject: typeof sub === 'string' ? sub : 'unknown', role: role as Role, parks: parks.includes(ALL_PARKS) ? 'all' : new Set(parks), expiresAt: exp * 1000 };
}
