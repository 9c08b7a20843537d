/** "Today" follows the park's time zone, not the server's (DESIGN.md, "Carbon accounting"). */
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
