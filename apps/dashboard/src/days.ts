import { localDayStart } from '@zeropark/carbon';

const DAY = 86_400_000;

/** The calendar day `days` after `day` (`YYYY-MM-DD`). */
export function dayAfter(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/**
 * The park's days from `first` to `last` as instants, epoch ms: from the park's midnight that
 * starts the first to the one that ends the last, so a chosen day means that day where the
 * park is, wherever the browser is (and a day of a daylight-saving change keeps its 23 or 25 h).
 */
export function parkDays(first: string, last: string, timezone: string): { from: number; to: number } {
  return { from: localDayStart(first, timezone), to: localDayStart(dayAfter(last, 1), timezone) };
}
