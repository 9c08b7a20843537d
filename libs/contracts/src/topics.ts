import { ID_PATTERN } from './ids.js';

/** MQTT topics (docs/gateway-protocol.md, docs/architecture.md "The bus"). Gateways live under `parks/`, the internal bus under `zeropark/`. */

export type GatewayTopicKind = 'readings' | 'status' | 'rejected';

export interface GatewayTopic {
  parkId: string;
  gatewayId: string;
  kind: GatewayTopicKind;
}

const GATEWAY_TOPIC_KINDS: readonly GatewayTopicKind[] = ['readings', 'status', 'rejected'];

export function gatewayTopic(parkId: string, gatewayId: string, kind: GatewayTopicKind): string {
  return `parks/${parkId}/gateways/${gatewayId}/${kind}`;
}

/** Parses `parks/{park}/gateways/{gateway}/{kind}`; anything else is `undefined`. */
export function parseGatewayTopic(topic: string): GatewayTopic | undefined {
  const parts = topic.split('/');
  if (parts.length !== 5 || parts[0] !== 'parks' || parts[2] !== 'gateways') return undefined;
  const [, parkId, , gatewayId, kind] = parts as [string, string, string, string, string];
  if (!ID_PATTERN.test(parkId) || !ID_PATTERN.test(gatewayId)) return undefined;
  if (!(GATEWAY_TOPIC_KINDS as readonly string[]).includes(kind)) return undefined;
  return { parkId, gatewayId, kind: kind as GatewayTopicKind };
}

/** The bus: accepted, normalized batches of one park, published by the ingest at QoS 1. */
export const BUS_TOPIC_PREFIX = 'zeropark/v1/accepted';

export function acceptedTopic(parkId: string): string {
  return `${BUS_TOPIC_PREFIX}/${parkId}`;
}

/** The service account `apps/carbon` uses on the bus; gateways may neither read nor write `zeropark/#`. */
export const BUS_USERNAME = 'zeropark-bus';

/** What `apps/carbon` subscribes to: every park's accepted batches. */
export const ACCEPTED_TOPIC_FILTER = `${BUS_TOPIC_PREFIX}/+`;

export const GATEWAY_STATUS = { online: 'online', offline: 'offline' } as const;

/** Every gateway's retained status: the bus account reads it, for offline-gateway alerts. */
export const GATEWAY_STATUS_TOPIC_FILTER = 'parks/+/gateways/+/status';
