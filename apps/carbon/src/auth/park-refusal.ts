import { mayRead, type AccessGrant } from '@zeropark/access';
import type { Logger } from 'pino';
import type { CarbonMetrics } from '../metrics/carbon-metrics.js';

/**
 * Why a socket may not join a park's rooms (snapshots, buildings, alerts) or act on it;
 * undefined when it may. A refusal is counted and logged, whichever room was asked for.
 */
export function parkRefusal(socket: { id: string; data: { access: AccessGrant } }, parkId: unknown, metrics: CarbonMetrics, logger: Logger): string | undefined {
  if (typeof parkId !== 'string') return 'name a park by its id';
  if (!mayRead(socket.data.access, parkId)) {
    metrics.joinsRefused.inc();
    logger.warn({ socket: socket.id, park: parkId, subject: socket.data.access.subject }, 'refused: the token does not name the park');
    return `your token does not name park "${parkId}"`;
  }
  return undefined;
}
