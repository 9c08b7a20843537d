import { hasExpired, mayRead, type AccessGrant } from '@zeropark/access';
import type { CarbonMetrics } from '../metrics/carbon-metrics.js';
import type { RefusalLog } from './refusal-log.service.js';

/**
 * Why a socket may not join a park's rooms (snapshots, buildings, alerts) or act on it;
 * undefined when it may. The token is judged at the time of the request, not of the handshake:
 * one that has expired since grants nothing. A refusal is counted, and logged as its kind allows.
 */
export function parkRefusal(socket: { id: string; data: { access: AccessGrant } }, parkId: unknown, now: number, metrics: CarbonMetrics, refusals: RefusalLog): string | undefined {
  if (typeof parkId !== 'string') return 'name a park by its id';
  const grant = socket.data.access;
  if (hasExpired(grant, now)) {
    metrics.joinsRefused.inc();
    refusals.warn('expired', { socket: socket.id, park: parkId, subject: grant.subject }, 'refused: the token has expired');
    return 'your token has expired: sign in again with a new one';
  }
  if (!mayRead(grant, parkId)) {
    metrics.joinsRefused.inc();
    refusals.warn('park', { socket: socket.id, park: parkId, subject: grant.subject }, 'refused: the token does not name the park');
    return `your token does not name park "${parkId}"`;
  }
  return undefined;
}
