import { acceptedTopic, gatewayTopic, parseGatewayTopic } from '@zeropark/contracts';
import type { ClientIdentity } from './client-identity.js';

/**
 * Who may publish and subscribe where (DESIGN.md, "Security"): a gateway writes only its own
 * readings and status, reads only its own rejections; the bus account reads accepted batches.
 */
export function mayPublish(identity: ClientIdentity, topic: string): boolean {
  if (identity.kind === 'bus') return false;
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
  if (identity.kind === 'bus') return topicFilter.startsWith(acceptedTopic(''));
  return topicFilter === gatewayTopic(identity.account.parkId, identity.account.id, 'rejected');
}
