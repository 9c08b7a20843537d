/** "Today" follows the park's time zone, not the server's (DESIGN.md, "Carbon accounting"). */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in a time zone, as `YYYY-MM-DD`. */
export function localDay(epochMs: number, timezone: string): string {
  let formatter = formatters.get(timezone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timezone, formatter);
  }
  return formatter.format(epochMs);
}

/** The calendar year of an instant in a time zone. */
export function localYear(epochMs: number, timezone: string): number {
  return Number(localDay(epochMs, timezone).slice(0, 4));
}
