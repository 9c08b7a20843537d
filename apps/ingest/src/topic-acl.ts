import { acceptedTopic, GATEWAY_STATUS_TOPIC_FILTER, gatewayTopic, GRID_INTENSITY_TOPIC_FILTER, INGEST_HEALTH_TOPIC_FILTER, parseGatewayTopic, parseGridIntensityTopic } from '@zeropark/contracts';
import type { ClientIdentity } from './client-identity.js';

/**
 * Who may publish and subscribe where (docs/architecture.md, "Security"): a gateway writes only its own
 * readings and status, reads only its own rejections; the bus account reads accepted batches, the
 * gateways' status (for offline alerts), the ingests' health (for platform alerts) and the
 * grid-intensity feed, and writes nothing; the feed account writes only `grids/{region}/intensity`.
 * The ingest's own messages (bus, rejections, health) come from the broker itself, past these hooks.
 */
export function mayPublish(identity: ClientIdentity, topic: string): boolean {
  if (identity.kind === 'bus') return false;
  if (identity.kind === 'feed') return parseGridIntensityTopic(topic) !== undefined;
  const parsed = parseGatewayTopic(topic);
  return (
    parsed !== undefined &&
    parsed.parkId === identity.account.parkId &&
    parsed.gatewayId === identity.account.id &&
    (parsed.kind === 'readings' || parsed.kind === 'status')
  );
}

export function maySubscribe(identity: ClientIdentity, topicFilter: string): boolean {
  // the bus account reads every park's accepted batches (ACCEPTED_TOPIC_FILTER, `#`, or one park)
  if (identity.kind === 'bus') {
    return topicFilter.startsWith(acceptedTopic('')) || topicFilter === GATEWAY_STATUS_TOPIC_FILTER || topicFilter === INGEST_HEALTH_TOPIC_FILTER || topicFilter === GRID_INTENSITY_TOPIC_FILTER || parseGridIntensityTopic(topicFilter) !== undefined;
  }
  if (identity.kind === 'feed') return false;
  return topicFilter === gatewayTopic(identity.account.parkId, identity.account.id, 'rejected');
}
