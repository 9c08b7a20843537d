/** The most characters of a client-supplied string (client id, user name, topic) a log line carries. */
export const LOGGED_STRING_MAX = 256;

/**
 * A client-supplied string as a log line may hold it: whole up to LOGGED_STRING_MAX characters,
 * else cut there and marked with its length, so no client can write unbounded text into every
 * line the ingest logs about it.
 */
export function boundForLog(value: string): string;
export function boundForLog(value: string | undefined): string | undefined;
export function boundForLog(value: string | undefined): string | undefined {
  if (value === undefined || value.length <= LOGGED_STRING_MAX) return value;
  return `${value.slice(0, LOGGED_STRING_MAX)}…[cut: ${value.length} characters]`;
}
