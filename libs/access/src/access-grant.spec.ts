import { describe, expect, it } from 'vitest';
import { hasExpired, hasRole, mayRead, readableParks, type AccessGrant } from './access-grant.js';

const EXPIRY = Date.UTC(2026, 11, 31);
const viewer: AccessGrant = { subject: 'v', role: 'viewer', parks: new Set(['p1']), expiresAt: EXPIRY };
const admin: AccessGrant = { subject: 'a', role: 'admin', parks: 'all', expiresAt: EXPIRY };

describe('access grants', () => {
  it('should let a token read only the parks it names, or all of them', () => {
    expect(mayRead(viewer, 'p1')).toBe(true);
    expect(mayRead(viewer, 'p2')).toBe(false);
    expect(readableParks(viewer, ['p1', 'p2'])).toEqual(['p1']);
    expect(readableParks(admin, ['p1', 'p2'])).toEqual(['p1', 'p2']);
  });

  it('should rank roles viewer < operator < admin', () => {
    expect(hasRole(viewer, 'viewer')).toBe(true);
    expect(hasRole(viewer, 'operator')).toBe(false);
    expect(hasRole(admin, 'operator')).toBe(true);
  });

  it('should count a grant expired from the instant its token expires', () => {
    expect(hasExpired(viewer, EXPIRY - 1)).toBe(false);
    expect(hasExpired(viewer, EXPIRY)).toBe(true);
  });
});
