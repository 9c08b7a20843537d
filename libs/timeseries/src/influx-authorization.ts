/**
 * The `Authorization` header for `ZEROPARK_INFLUX_TOKEN`, the same on reads (`/query`) and
 * writes (`/write`, `/api/v2/write`):
 *
 * - `user:password`, a 1.x user: basic authentication, which every 1.x reads on every endpoint
 *   (InfluxDB 1.x docs, "Authentication and authorization", "Authenticate using basic
 *   authentication"). The `Token user:password` form is read only from 1.8 on ("Enable
 *   authentication" of the 1.8 compatibility API); 1.6 answers it with 401 "unable to parse
 *   authentication credentials". A header rather than `u`/`p` query parameters keeps the
 *   password out of URLs, which servers and proxies log.
 * - anything else, a 2.x or 3.x API token (neither ever holds `:`): `Token <token>` (InfluxDB
 *   2.x docs, "Authorize API requests", "Token authentication").
 */
export function influxAuthorization(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  const separator = token.indexOf(':');
  if (separator < 0) return `Token ${token}`;
  // RFC 7617: user-id and password joined by the first colon, UTF-8, then base64
  return `Basic ${Buffer.from(token, 'utf8').toString('base64')}`;
}
