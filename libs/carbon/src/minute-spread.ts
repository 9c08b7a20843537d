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
  // a whole minute's share is the same for every whole minute: worked out once (a gap of days has thousands)
  let whole: Decimal | undefined;
  let wholeMinutes = 0;
  let given = ZERO;
  for (let minute = minuteOf(from); minute < to; minute += MINUTE_MS) {
    if (minute + MINUTE_MS >= to) {
      // the last takes what the others left, so the shares add up to the amount exactly
      const others = whole === undefined ? given : given.plus(whole.times(wholeMinutes));
      shares.push({ minute, amount: amount.minus(others) });
      break;
    }
    if (minute >= from) {
      whole ??= amount.times(MINUTE_MS).dividedBy(span);
      wholeMinutes += 1;
      shares.push({ minute, amount: whole });
    } else {
      const share = amount.times(minute + MINUTE_MS - from).dividedBy(span);
      given = given.plus(share);
      shares.push({ minute, amount: share });
    }
  }
  return shares;
}
