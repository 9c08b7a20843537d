import { describe, expect, it } from 'vitest';
import { AccessDenied, issueAccessToken, verifyAccessToken } from './access-token.js';

const SECRET = 'a-token-secret-of-at-least-32-characters';
const NOW = Date.UTC(2026, 10, 28, 2, 0);

describe('access tokens', () => {
  it('should give back the subject, role, parks and expiry a token was issued with', async () => {
    const token = await issueAccessToken(SECRET, { subject: 'energy-manager', role: 'operator', parks: ['p1', 'p2'], ttlSeconds: 3600 }, NOW);
    expect(await verifyAccessToken(SECRET, token, NOW + 1000)).toEqual({ subject: 'energy-manager', role: 'operator', parks: new Set(['p1', 'p2']), expiresAt: NOW + 3_600_000 });
  });

  it('should read "*" as every park', async () => {
    const token = await issueAccessToken(SECRET, { subject: 'admin', role: 'admin', parks: ['*'], ttlSeconds: 60 }, NOW);
    expect((await verifyAccessToken(SECRET, token, NOW)).parks).toBe('all');
  });

  it('should refuse an expired token, saying so', async () => {
    const token = await issueAccessToken(SECRET, { subject: 's', role: 'viewer', parks: ['p1'], ttlSeconds: 60 }, NOW);
    await expect(verifyAccessToken(SECRET, token, NOW + 61_000)).rejects.toThrow(new AccessDenied('the token has expired: ask for a new one'));
  });

  it('should refuse a token signed with another secret, and one that is not a token', async () => {
    const token = await issueAccessToken('another-secret-of-at-least-32-characters', { subject: 's', role: 'viewer', parks: ['p1'], ttlSeconds: 60 }, NOW);
    await expect(verifyAccessToken(SECRET, token, NOW)).rejects.toThrow('not valid here');
    await expect(verifyAccessToken(SECRET, 'not-a-token', NOW)).rejects.toThrow('not valid here');
  });
});
