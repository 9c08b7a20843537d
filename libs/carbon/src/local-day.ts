/** "Today" follows the park's time zone, not the server's (docs/carbon-method.md). */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();
const hourFormatters = new Map<string, Intl.DateTimeFormat>();

function formatter(cache: Map<string, Intl.DateTimeFormat>, timezone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let found = cache.get(timezone);
  if (found === undefined) {
    found = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, ...options });
    cache.set(timezone, found);
  }
  return found;
}

/** The calendar day of an instant in a time zone, as `YYYY-MM-DD`. */
export function localDay(epochMs: number, timezone: string): string {
  return formatter(dayFormatters, timezone, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(epochMs);
}

/** The calendar year of an instant in a time zone. */
export function localYear(epochMs: number, timezone: string): number {
  return Number(localDay(epochMs, timezone).slice(0, 4));
}

/** The hour of the day (0–23) of an instant in a time zone. */
export function localHour(epochMs: number, timezone: string): number {
  const text = formatter(hourFormatters, timezone, { hour: '2-digit', hourCycle: 'h23' }).format(epochMs);
  return Number(text);
}

/** The month of a day, `YYYY-MM`, and its year, `YYYY`. */
export const monthOfDay = (day: string): string => day.slice(0, 7);
export const yearOfDay = (day: string): string => day.slice(0, 4);

/** The instant a calendar day (`YYYY-MM-DD`) begins in a time zone, epoch ms (daylight saving included). */
export function localDayStart(day: string, timezone: string): number {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  const wall = Date.UTC(year, month - 1, date);
  let instant = wall;
  // the zone's offset at the guess, twice: the second settles a guess on the other side of a change
  for (let step = 0; step < 2; step += 1) instant = wall - offsetAt(instant, timezone);
  return instant;
}

/** The next calendar month of `YYYY-MM`. */
export function nextMonth(month: string): string {
  const [year = 0, index = 1] = month.split('-').map(Number);
  return index === 12 ? `${year + 1}-01` : `${year}-${String(index + 1).padStart(2, '0')}`;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, ms. */
function offsetAt(epochMs: number, timezone: string): number {
  const parts = formatter(offsetFormatters, timezone, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(epochMs);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'), value('second')) - Math.floor(epochMs / 1000) * 1000;
}

/**
 * An instant as ISO 8601 on the park's clock, with its offset: `2026-12-07T21:05:00+08:00`
 * (what a stored answer's "complete through" says, docs/carbon-method.md, §6).
 */
export function localIsoTime(epochMs: number, timezone: string): string {
  const seconds = Math.floor(epochMs / 1000) * 1000;
  const offset = offsetAt(seconds, timezone);
  const wall = new Date(seconds + offset).toISOString().slice(0, 19);
  const minutes = Math.abs(offset) / 60_000;
  const sign = offset < 0 ? '-' : '+';
  return `${wall}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
