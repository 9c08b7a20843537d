import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/**
 * Who may read a service's `/metrics` (docs/configuration.md, "Who may read /metrics"). The
 * figures name every park and gateway, so a service reachable from beyond its machine serves them
 * only to a scraper that shows the service's metrics token (Prometheus `authorization:
 * { credentials: … }`, sent as `Authorization: Bearer …`).
 */

/** True for an address only this machine reaches: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/** The configuration problem of a service bound beyond loopback without a metrics token; undefined when there is none. */
export function metricsTokenProblem(hostSetting: string, host: string, tokenSetting: string, token: string | undefined): string | undefined {
  if (token !== undefined || isLoopbackHost(host)) return undefined;
  return `${tokenSetting}: is missing: ${hostSetting} ${host} is reachable beyond this machine, and /metrics names every park and gateway; set a token of at least 16 characters for the scraper to send as "Authorization: Bearer <token>"`;
}

/** True when a request may read /metrics: no token is set, or it carries that token as a bearer. */
export function mayReadMetrics(authorization: string | undefined, token: string | undefined): boolean {
  if (token === undefined) return true;
  const shown = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (shown === undefined) return false;
  const [a, b] = [Buffer.from(shown), Buffer.from(token)];
  // compared in constant time, so the answer's timing tells nothing of the token
  return a.length === b.length && timingSafeEqual(a, b);
}
