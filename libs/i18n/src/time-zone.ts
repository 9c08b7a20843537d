/**
 * Times as a park's people read them: in the park's zone (its registry `timezone`), never the
 * browser's or the server's, so a page opened in Berlin shows what the meters' clocks in Suzhou
 * show. The form is the same in both languages, `2026-12-07 21:06`, with a 24-hour clock.
 */

interface Parts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

const FORMATS = new Map<string, Intl.DateTimeFormat>();

function partsIn(timezone: string, epochMs: number): Parts {
  let format = FORMATS.get(timezone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    FORMATS.set(timezone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(epochMs)) parts[part.type] = part.value;
  return { year: parts.year ?? '', month: parts.month ?? '', day: parts.day ?? '', hour: parts.hour ?? '', minute: parts.minute ?? '', second: parts.second ?? '' };
}

/** `2026-12-07`: the park's calendar day of an instant. */
export function dayIn(timezone: string, epochMs: number): string {
  const { year, month, day } = partsIn(timezone, epochMs);
  return `${year}-${month}-${day}`;
}

/** `2026-12-07 21:06` (with `:05` seconds when asked). */
export function dateTimeIn(timezone: string, epochMs: number, seconds = false): string {
  const { hour, minute, second } = partsIn(timezone, epochMs);
  return `${dayIn(timezone, epochMs)} ${hour}:${minute}${seconds ? `:${second}` : ''}`;
}

/** `21:06:05`. */
export function timeIn(timezone: string, epochMs: number): string {
  const { hour, minute, second } = partsIn(timezone, epochMs);
  return `${hour}:${minute}:${second}`;
}

/** `+08:00`: the zone's offset from UTC at an instant (it moves with daylight saving where there is any). */
export function utcOffsetIn(timezone: string, epochMs: number): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'longOffset' }).formatToParts(epochMs).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  // "GMT" alone is UTC itself
  return name === 'GMT' ? '+00:00' : name.replace('GMT', '');
}

/** `Asia/Shanghai (UTC+08:00)`: the zone said once per page. */
export function zoneLabel(timezone: string, epochMs: number): string {
  return `${timezone} (UTC${utcOffsetIn(timezone, epochMs)})`;
}
