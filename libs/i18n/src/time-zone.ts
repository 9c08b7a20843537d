import { localDay, localIsoTime } from '@zeropark/carbon';

/**
 * Times as a park's people read them: in the park's zone (its registry `timezone`), never the
 * browser's or the server's, so a page opened in Berlin shows what the meters' clocks in Suzhou
 * show. The form is the same in both languages, `2026-12-07 21:06`, with a 24-hour clock. Built
 * on libs/carbon's `localIsoTime` (`2026-12-07T21:06:05+08:00`), the park's clock everywhere.
 */

/** `2026-12-07`: the park's calendar day of an instant. */
export function dayIn(timezone: string, epochMs: number): string {
  return localDay(epochMs, timezone);
}

/** `2026-12-07 21:06` (with `:05` seconds when asked). */
export function dateTimeIn(timezone: string, epochMs: number, seconds = false): string {
  return localIsoTime(epochMs, timezone).slice(0, seconds ? 19 : 16).replace('T', ' ');
}

/** `21:06:05`. */
export function timeIn(timezone: string, epochMs: number): string {
  return localIsoTime(epochMs, timezone).slice(11, 19);
}

/** `+08:00`: the zone's offset from UTC at an instant (it moves with daylight saving where there is any). */
export function utcOffsetIn(timezone: string, epochMs: number): string {
  return localIsoTime(epochMs, timezone).slice(19);
}

/** `Asia/Shanghai (UTC+08:00)`: the zone said once per page. */
export function zoneLabel(timezone: string, epochMs: number): string {
  return `${timezone} (UTC${utcOffsetIn(timezone, epochMs)})`;
}
