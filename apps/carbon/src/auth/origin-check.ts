/**
 * The Origin of a browser's WebSocket handshake (docs/architecture.md, "Security"): the dashboard this
 * service serves (same origin as the request's Host), or one on the allow-list. A client that
 * sends no Origin is not a browser page, and its token alone decides.
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, allowList: readonly string[]): boolean {
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (host !== undefined && parsed.host === host) return true;
  return allowList.includes(parsed.origin);
}
