import { z } from 'zod';

/**
 * A service's own health on the bus (docs/architecture.md, "The bus"):
 * `zeropark/v1/health/{service}/{instance}`, QoS 1, retained, published by the service every
 * `everyMs` and at once when its problems change. It lists what keeps readings from reaching the
 * store now, each with since when and why in words; the carbon service raises one platform alert
 * per problem (docs/alerts.md, "Platform alerts"), and one when the message stops coming.
 */
export const SERVICE_HEALTH_VERSION = 1;

export const HEALTH_TOPIC_PREFIX = 'zeropark/v1/health';

/** The services that publish their health; the ingest is the one that holds readings. */
export const HEALTH_SERVICES = ['ingest'] as const;
export type HealthService = (typeof HEALTH_SERVICES)[number];

/**
 * What can be wrong with an ingest:
 * - `store-refusing`: every store write has failed for a while (InfluxDB down, disk full);
 * - `journal-behind`: a reading has waited in the journal longer than the ingest's bound;
 * - `broker-unsubscribed`: behind an external broker, the subscription to the gateways is not granted.
 */
export const SERVICE_PROBLEM_KINDS = ['store-refusing', 'journal-behind', 'broker-unsubscribed'] as const;
export type ServiceProblemKind = (typeof SERVICE_PROBLEM_KINDS)[number];

/** An instance name: one topic level, no wildcard (INGEST_INSTANCE, a host name by default). */
export const INSTANCE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const instanceSchema = z.string().regex(INSTANCE_PATTERN, 'must be 1–64 letters, digits, dots, dashes or underscores, starting with a letter or digit');

export const serviceProblemSchema = z.strictObject({
  kind: z.enum(SERVICE_PROBLEM_KINDS),
  /** When the condition began, epoch ms (not when it was first reported). */
  since: z.number().int(),
  /** What is wrong, in words an operator acts on. */
  reason: z.string().min(1).max(500),
});

export const serviceHealthSchema = z
  .strictObject({
    v: z.literal(SERVICE_HEALTH_VERSION),
    service: z.enum(HEALTH_SERVICES),
    instance: instanceSchema,
    /** When this message was made, epoch ms. */
    at: z.number().int(),
    /** How often the service publishes it, ms: a reader counts it gone after a few of these. */
    everyMs: z.number().int().min(100).max(3_600_000),
    problems: z.array(serviceProblemSchema).max(SERVICE_PROBLEM_KINDS.length),
  })
  .refine((health) => new Set(health.problems.map((problem) => problem.kind)).size === health.problems.length, { message: 'lists a problem twice', path: ['problems'] });

export type ServiceProblem = z.infer<typeof serviceProblemSchema>;
export type ServiceHealth = z.infer<typeof serviceHealthSchema>;

export function serviceHealthTopic(service: HealthService, instance: string): string {
  return `${HEALTH_TOPIC_PREFIX}/${service}/${instance}`;
}

/** What the carbon service subscribes to: every ingest instance's health. */
export const INGEST_HEALTH_TOPIC_FILTER = `${HEALTH_TOPIC_PREFIX}/ingest/+`;

/** The service and instance of a health topic; undefined for any other topic. */
export function parseServiceHealthTopic(topic: string): { service: HealthService; instance: string } | undefined {
  const parts = topic.split('/');
  if (parts.length !== 5 || `${parts[0]}/${parts[1]}/${parts[2]}` !== HEALTH_TOPIC_PREFIX) return undefined;
  const [, , , service, instance] = parts as [string, string, string, string, string];
  if (!(HEALTH_SERVICES as readonly string[]).includes(service) || !INSTANCE_PATTERN.test(instance)) return undefined;
  return { service: service as HealthService, instance };
}

/** The subject id of a service's platform alerts: `ingest/ingest-1`. */
export function serviceSubjectId(service: HealthService, instance: string): string {
  return `${service}/${instance}`;
}

/**
 * How long a reader waits for the next health message before it counts the service gone: three
 * intervals, so one lost or late message is not an alert (the same allowance as MQTT's keep
 * alive, which waits one and a half [MQTT-3.1.2-24], with room for a QoS 1 retry).
 */
export function healthSilentAfterMs(everyMs: number): number {
  return 3 * everyMs;
}
