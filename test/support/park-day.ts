/**
 * The part of a counter interval that falls on the calendar day of its end in Asia/Shanghai
 * (UTC+8, no daylight saving): the accounting spreads an interval over its minutes, so an
 * interval that started yesterday counts only partly today. Specs that take "now" as the end
 * of an interval use it to expect the right share at any hour.
 */
export function shareOnShanghaiDayOfEnd(from: number, to: number): number {
  const DAY = 86_400_000;
  const OFFSET = 8 * 3_600_000;
  const dayStart = Math.floor((to + OFFSET) / DAY) * DAY - OFFSET;
  return (to - Math.max(from, dayStart)) / (to - from);
}

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** A day of the example park's zone (Asia/Shanghai, no daylight saving), `days` from today: `YYYY-MM-DD`. */
export function shanghaiDay(days: number): string {
  return new Date(Date.now() + SHANGHAI_OFFSET_MS + days * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar day `days` after `day` (`YYYY-MM-DD`). */
export function dayAfter(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
