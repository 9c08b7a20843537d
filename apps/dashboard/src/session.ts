/**
 * The access token of this browser tab: from the URL fragment `#token=…` (as `npm start` or an
 * admin hands it out) or pasted into the sign-in form, kept in sessionStorage and taken out of
 * the address bar, so it is not copied along with it. The server checks it on every call; what
 * the page reads of it (subject, role, parks) only shapes what the page offers.
 */
const TOKEN_KEY = 'zeropark-token';

export type Role = 'viewer' | 'operator' | 'admin';

export interface Session {
  token: string;
  subject: string;
  role: Role;
  /** The parks the token names; `['*']` for all. */
  parks: string[];
}

/** The claims of a token as the page reads them; undefined when it is not a JWT at all. */
export function sessionOf(token: string): Session | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: unknown; role?: unknown; parks?: unknown };
    const role = claims.role === 'operator' || claims.role === 'admin' ? claims.role : 'viewer';
    const parks = Array.isArray(claims.parks) ? claims.parks.filter((park): park is string => typeof park === 'string') : [];
    return { token, subject: typeof claims.sub === 'string' ? claims.sub : 'unknown', role, parks };
  } catch {
    return undefined;
  }
}

export function mayAcknowledge(session: Session): boolean {
  return session.role === 'operator' || session.role === 'admin';
}

/** The session of this tab: a `#token=` in the address wins and is moved into storage. */
export function currentSession(location: Location, history: History, storage: Storage): Session | undefined {
  const fromUrl = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromUrl !== null && fromUrl !== '') {
    storage.setItem(TOKEN_KEY, fromUrl);
    const url = new URL(location.href);
    url.hash = '';
    history.replaceState(null, '', url);
  }
  const token = storage.getItem(TOKEN_KEY);
  return token === null ? undefined : sessionOf(token);
}

export function signIn(storage: Storage, token: string): Session | undefined {
  const session = sessionOf(token.trim());
  if (session !== undefined) storage.setItem(TOKEN_KEY, session.token);
  return session;
}

export function signOut(storage: Storage): void {
  storage.removeItem(TOKEN_KEY);
}
