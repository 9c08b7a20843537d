import type { SessionEnd } from '@zeropark/contracts';
import { TokenBucket } from '@zeropark/service-runtime';
import type { Clock } from '../config/injection-tokens.js';
import type { LiveSocket } from './live-carbon.gateway.js';

/** Events a second one connection may send, and the burst it may save up. */
export interface EventBudget {
  eventsPerSecond: number;
  burst: number;
}

/** setTimeout takes at most 2³¹ − 1 ms (about 24.8 days); a token of 30 days waits in steps. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * Watches one dashboard connection for what ends it (docs/configuration.md, "Carbon service"):
 * its token's expiry, when the session ends even though the socket is open; and its budget of
 * events (a token bucket, as the ingest keeps for gateways), past which the connection is told
 * and closed instead of every event being answered. `ended` hears why, for the log and metrics.
 */
export function watchDashboardSession(socket: LiveSocket, budget: EventBudget, clock: Clock, ended: (notice: SessionEnd) => void): void {
  let timer: NodeJS.Timeout | undefined;
  let over = false;
  const end = (notice: SessionEnd) => {
    if (over) return;
    over = true;
    clearTimeout(timer);
    ended(notice);
    socket.emit('session:end', notice);
    socket.disconnect(true);
  };
  const expireAt = socket.data.access.expiresAt;
  const waitForExpiry = () => {
    const left = expireAt - clock();
    if (left <= 0) end({ reason: 'token-expired', message: 'your access token has expired: sign in again with a new one' });
    else timer = setTimeout(waitForExpiry, Math.min(left, LONGEST_TIMER_MS));
  };
  waitForExpiry();

  const bucket = new TokenBucket(budget.eventsPerSecond, budget.burst, clock);
  socket.use((_packet, next) => {
    if (over) return;
    if (bucket.take()) next();
    else end({ reason: 'event-budget', message: `more than ${budget.eventsPerSecond} events a second (bursts of ${budget.burst}): the connection is closed` });
  });
  socket.on('disconnect', () => {
    over = true;
    clearTimeout(timer);
  });
}
