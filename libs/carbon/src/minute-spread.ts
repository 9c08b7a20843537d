import { ZERO, type Decimal } from './decimal.js';

export const MINUTE_MS = 60_000;

/** The start of the minute an instant falls in (epoch minutes; time zones are whole minutes, so local days start on one). */
export function minuteOf(epochMs: number): number {
  return Math.floor(epochMs / MINUTE_MS) * MINUTE_MS;
}

/**
 * Spreads an amount used between `from` and `to` evenly over the minutes it covers (DESIGN.md:
 * "a gap spreads the difference over the gap"), in proportion to the time in each minute. The
 * shares add up to the amount exactly: the last one takes what the others left.
 */
export function spreadOverMinutes(from: number, to: number, amount: Decimal): { minute: number; amount: Decimal }[] {
  const shares: { minute: number; amount: Decimal }[] = [];
  const span = to - from;
  let given = ZERO;
  for (let minute = minuteOf(from); minute < to; minute += MINUTE_MS) {
    const start = Math.max(from, minute);
    const end = Math.min(to, minute + MINUTE_MS);
    const isLast = minute + MINUTE_MS >= to;
    const share = isLast ? amount.minus(given) : amount.times(end - start).dividedBy(span);
    given = given.plus(share);
    shares.push({ minute, amount: share });
  }
  return shares;
}
