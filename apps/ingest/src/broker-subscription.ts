/**
 * How the ingest subscribes to the gateways' readings on an external broker (deploy/README.md,
 * "What an external broker can promise").
 *
 * - `own`: one instance takes every reading on a subscription of its persistent session. Mosquitto
 *   saves the subscription with the session, so after a broker crash it queues what gateways
 *   publish until the instance is back.
 * - `shared`: instances split the load on an MQTT 5 shared subscription (Mosquitto takes it from
 *   3.1.1 clients too). Mosquitto 2.0 does not save shared subscriptions: after its crash, what
 *   gateways publish before the instances subscribe again matches no subscription and is dropped.
 */
export const INGEST_SUBSCRIPTIONS = {
  own: 'parks/+/gateways/+/readings',
  shared: '$share/ingest/parks/+/gateways/+/readings',
} as const;

export type IngestSubscription = keyof typeof INGEST_SUBSCRIPTIONS;
