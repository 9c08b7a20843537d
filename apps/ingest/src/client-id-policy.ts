import type { ClientIdentity } from './client-identity.js';
import type { GatewayDirectory } from './gateway-directory.js';

/**
 * The longest client id taken. MQTT 3.1.1 promises only 23 characters and lets a server take
 * more [MQTT-3.1.3-5]; 256 holds any id a real gateway is configured with, where the protocol's
 * own bound (65 535) would let one client fill a log line or a session key with it.
 */
export const MAX_CLIENT_ID_LENGTH = 256;

/**
 * Why `identity` may not connect with `clientId` (CONNACK 2, [MQTT-3.1.3-9]), or undefined when
 * it may (docs/gateway-protocol.md, "Client ids"): an id that names a gateway — its id, or
 * `park/gateway` — is that gateway's alone, whether it is online or not.
 */
export function clientIdRefusal(clientId: string, identity: ClientIdentity, gateways: GatewayDirectory): string | undefined {
  const owners = gateways.namedBy(clientId);
  if (owners.length === 0) return undefined;
  if (identity.kind === 'gateway' && owners.some((owner) => owner.parkId === identity.account.parkId && owner.id === identity.account.id)) return undefined;
  return "the client id names another gateway: a gateway's id is its own";
}

/**
 * The key the broker keeps a connection and its session under: the client id within its identity.
 * Two identities using the same free-form id (`sim-…`, an id a gateway's vendor picked) are two
 * sessions, so neither can refuse the other or take its session over; the same identity
 * connecting again with the id takes its own session over [MQTT-3.1.4-2]. Identity keys hold no
 * `#` (ids match `[A-Za-z0-9_-]`), so the first `#` ends the identity.
 */
export function sessionKey(identity: ClientIdentity, clientId: string): string {
  const owner = identity.kind === 'gateway' ? `gateway/${identity.account.parkId}/${identity.account.id}` : identity.kind;
  return `${owner}#${clientId}`;
}
