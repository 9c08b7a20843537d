import type { GatewayAccount } from '@zeropark/registry';

/** Who is on the other end of an MQTT connection, once authenticated. */
export type ClientIdentity = { kind: 'gateway'; account: GatewayAccount } | { kind: 'bus' } | { kind: 'feed' };
