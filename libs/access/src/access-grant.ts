/**
 * What a token lets its holder do (docs/architecture.md, "Security"): read the parks it names (or all),
 * with a role. viewer reads; operator also acknowledges alerts; admin also changes history
 * (restatement). Pure, so the rules are specified once.
 */
export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface AccessGrant {
  /** Who holds the token, for the logs. */
  subject: string;
  role: Role;
  /** The parks it names; `all` for every park this service holds. */
  parks: ReadonlySet<string> | 'all';
  /** When the token expires, epoch ms: a session it opened ends then, and nothing it asks for after counts. */
  expiresAt: number;
}

/** True once the grant's token has expired. */
export function hasExpired(grant: AccessGrant, now: number): boolean {
  return now >= grant.expiresAt;
}

export function mayRead(grant: AccessGrant, parkId: string): boolean {
  return grant.parks === 'all' || grant.parks.has(parkId);
}

/** True when the grant's role is `role` or above it. */
export function hasRole(grant: AccessGrant, role: Role): boolean {
  return ROLES.indexOf(grant.role) >= ROLES.indexOf(role);
}

/** The parks of `all` a grant may read, in their order. */
export function readableParks(grant: AccessGrant, all: readonly string[]): string[] {
  return all.filter((parkId) => mayRead(grant, parkId));
}
