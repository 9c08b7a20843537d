import { ZERO, type Decimal } from './decimal.js';

export const MINUTE_MS = 60_000;

/** The start of the minute an instant falls in (epoch minutes; time zones are whole minutes, so local days start on one). */
export function minuteOf(epochMs: number): number {
  return Math.floor(epochMs / MINUTE_MS) * MINUTE_MS;
}

export interface MinuteShare {
  minute: number;
  amount: Decimal;
}

/** How many minutes `spreadOverMinutes(from, to, …)` gives a share. */
export function minutesCovered(from: number, to: number): number {
  return Math.max(0, Math.ceil((to - minuteOf(from)) / MINUTE_MS));
}

/**
 * Spreads an amount used between `from` and `to` evenly over the minutes it covers
 * (docs/carbon-method.md, §1: a gap spreads the difference over the gap), in proportion to the time in each minute. The
 * shares add up to the amount exactly: the last one takes what the others left. They come one
 * at a time, in time order, so a gap of weeks can be booked a slice at a time.
 */
export function* spreadOverMinutes(from: number, to: number, amount: Decimal): Generator<MinuteShare, void, undefined> {
  const span = to - from;
  // a whole minute's share is the same for every whole minute: worked out once (a gap of days has thousands)
  let whole: Decimal | undefined;
  let wholeMinutes = 0;
  let given = ZERO;
  for (let minute = minuteOf(from); minute < to; minute += MINUTE_MS) {
    if (minute + MINUTE_MS >= to) {
      // the last takes what the others left, so the shares add up to the amount exactly
      const others = whole === undefined ? given : given.plus(whole.times(wholeMinutes));
      yield { minute, amount: amount.minus(others) };
      return;
    }
    if (minute >= from) {
      whole ??= amount.times(MINUTE_MS).dividedBy(span);
      wholeMinutes += 1;
      yield { minute, amount: whole };
    } else {
      const share = amount.times(minute + MINUTE_MS - from).dividedBy(span);
      given = given.plus(share);
      yield { minute, amount: share };
    }
  }
}
