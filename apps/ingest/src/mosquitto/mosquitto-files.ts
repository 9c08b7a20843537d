import { ACCEPTED_TOPIC_FILTER, BUS_USERNAME, FEED_USERNAME, GATEWAY_STATUS_TOPIC_FILTER, gatewayTopic, GRID_INTENSITY_TOPIC_FILTER, INGEST_HEALTH_TOPIC_FILTER, serviceHealthTopic } from '@zeropark/contracts';
import type { ParkRegistry } from '@zeropark/registry';
import { pbkdf2Sync, randomBytes } from 'node:crypto';

/** The ingest's account on an external broker: reads every park's readings, writes rejections, the bus and its health. */
export const INGEST_BROKER_USERNAME = 'zeropark-ingest';

/**
 * The account of one ingest instance (INGEST_INSTANCE): the client id the instance connects with
 * (external-broker-source.ts), so Mosquitto's `use_username_as_clientid` leaves its persistent
 * session where it was, and two instances never take each other's id.
 */
export function ingestBrokerUsername(instance: string): string {
  return `${INGEST_BROKER_USERNAME}-${instance}`;
}

/**
 * Mosquitto's ACL file for the gateways of the registries: one `user` block per gateway naming
 * its own topics in full. Not `pattern write parks/+/gateways/%u/#`: that would let a gateway
 * write under another park that has a gateway of the same id (docs/architecture.md, "Security"). Gateways
 * log in as `park/gateway` when the id is not unique across parks, as with the embedded broker.
 */
export function renderAcl(parks: ReadonlyMap<string, ParkRegistry>, ingestInstances: readonly string[] = []): string {
  const lines = [
    '# Generated from the park registry by `npm run deploy:mosquitto`; do not edit by hand.',
    '# Each gateway may write only its own readings and status, and read only its own rejections.',
    '',
    // an instance's account writes only its own health topic; the shared account, whose instance is not known here, any ingest's
    ...[
      { username: INGEST_BROKER_USERNAME, health: INGEST_HEALTH_TOPIC_FILTER },
      ...ingestInstances.map((instance) => ({ username: ingestBrokerUsername(instance), health: serviceHealthTopic('ingest', instance) })),
    ].flatMap(({ username, health }) => [
      `user ${username}`,
      'topic read parks/+/gateways/+/readings',
      'topic write parks/+/gateways/+/rejected',
      `topic write ${ACCEPTED_TOPIC_FILTER.replace('/+', '/#')}`,
      `topic write ${health}`,
      '',
    ]),
    `user ${BUS_USERNAME}`,
    `topic read ${ACCEPTED_TOPIC_FILTER.replace('/+', '/#')}`,
    `topic read ${GATEWAY_STATUS_TOPIC_FILTER}`,
    `topic read ${INGEST_HEALTH_TOPIC_FILTER}`,
    `topic read ${GRID_INTENSITY_TOPIC_FILTER}`,
    '',
    '# the live grid-intensity feed (docs/carbon-method.md); it has a password only when the secrets give it one',
    `user ${FEED_USERNAME}`,
    `topic write ${GRID_INTENSITY_TOPIC_FILTER}`,
  ];
  for (const [parkId, registry] of parks) {
    for (const gateway of registry.gateways.values()) {
      lines.push(
        '',
        `user ${brokerUsername(parks, parkId, gateway.id)}`,
        `topic write ${gatewayTopic(parkId, gateway.id, 'readings')}`,
        `topic write ${gatewayTopic(parkId, gateway.id, 'status')}`,
        `topic read ${gatewayTopic(parkId, gateway.id, 'rejected')}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A gateway's user name: its id, or `park/gateway` when another park has a gateway of that id. */
export function brokerUsername(parks: ReadonlyMap<string, ParkRegistry>, parkId: string, gatewayId: string): string {
  const sameId = [...parks.values()].filter((registry) => registry.gateways.has(gatewayId)).length;
  return sameId > 1 ? `${parkId}/${gatewayId}` : gatewayId;
}

/**
 * One line of a Mosquitto 2 password file: `user:$7$iterations$salt$hash`, PBKDF2-SHA512 as
 * `mosquitto_passwd` writes it. The registry holds only scrypt hashes, so the secrets come from
 * provisioning (the secrets file), never from the registry.
 */
export function passwordLine(username: string, secret: string, iterations = 101, salt: Buffer = randomBytes(12)): string {
  const hash = pbkdf2Sync(secret, salt, iterations, 64, 'sha512');
  return `${username}:$7$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}
