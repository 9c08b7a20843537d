import { ConfigError, env, instanceSchema, parseConfig, type ConfigOf } from '@zeropark/contracts';
import { hostname } from 'node:os';
import { metricsTokenProblem } from '@zeropark/service-runtime';
import { STORE_SETTINGS } from '@zeropark/timeseries';
import { z } from 'zod';

/** Every setting of the ingest, validated at start (docs/configuration.md lists them). */
export const INGEST_SETTINGS = {
  ZEROPARK_REGISTRY: { schema: env.list('config/example-park.yaml'), description: 'Park registry files, comma-separated, one park each' },
  ZEROPARK_DATA_DIR: { schema: env.text('data'), description: 'Folder of the embedded store, the ingest journal (ingest.db) and its dead letters (dead-letters.db)' },
  ...STORE_SETTINGS,
  ZEROPARK_BUS_SECRET: {
    schema: z.string().min(16, 'needs at least 16 characters').optional(),
    description: 'Password of the bus service account (user `zeropark-bus`) on the embedded broker; required without INGEST_BROKER_URL',
    secret: true,
  },
  ZEROPARK_FEED_SECRET: {
    schema: z.string().min(16, 'needs at least 16 characters').optional(),
    description: 'Password of the grid-intensity feed account (user `zeropark-feed`, may publish only grids/{region}/intensity) on the embedded broker; unset: no feed',
    secret: true,
  },
  INGEST_BROKER_URL: {
    schema: z.url({ protocol: /^mqtts?$/, error: 'must be an mqtt:// or mqtts:// URL' }).optional(),
    description: 'An external broker (Mosquitto, EMQX) to take readings from instead of the embedded one',
  },
  INGEST_BROKER_USERNAME: {
    schema: z.string().min(1).optional(),
    description: 'The ingest\'s user on the external broker; Mosquitto makes it the client id (`use_username_as_clientid`), so each instance has its own',
    defaultText: 'zeropark-ingest-<instance>',
  },
  INGEST_BROKER_PASSWORD: { schema: z.string().min(1).optional(), description: 'The ingest\'s password on the external broker', secret: true },
  INGEST_INSTANCE: {
    schema: instanceSchema.default(hostname()),
    description: 'Names this instance\'s persistent session on the external broker (client id `zeropark-ingest-<instance>`) and its health topic `zeropark/v1/health/ingest/<instance>`; keep it stable across restarts',
    defaultText: 'the host name',
  },
  INGEST_BROKER_SUBSCRIPTION: {
    schema: z.enum(['own', 'shared']).default('own'),
    description:
      'With INGEST_BROKER_URL: `own`, one instance takes every reading on a subscription its persistent session keeps across a broker crash; `shared`, several instances split the load on `$share/ingest/…`, which Mosquitto 2.0 does not keep across its crash (deploy/README.md)',
  },
  INGEST_HOST: { schema: env.text('127.0.0.1'), description: 'Address the MQTT and HTTP listeners bind to' },
  INGEST_MQTT_PORT: { schema: env.port(1883), description: 'MQTT port of the embedded broker (0: any free port)' },
  INGEST_METRICS_TOKEN: {
    schema: z.string().min(16, 'needs at least 16 characters').optional(),
    description: 'Set: /metrics answers only a request with `Authorization: Bearer <token>`. Required when INGEST_HOST is not a loopback address: the figures name every park and gateway',
    secret: true,
  },
  INGEST_HTTP_PORT: { schema: env.port(9101), description: 'Port of /healthz, /readyz and /metrics (0: any free port)' },
  INGEST_MQTTS_PORT: {
    schema: z.coerce.number().int().min(0).max(65535).optional(),
    description: 'MQTT over TLS port of the embedded broker (0: any free port; 8883 is the usual one); unset: no TLS listener. Needs INGEST_TLS_CERT_FILE and INGEST_TLS_KEY_FILE',
  },
  INGEST_MQTTS_HOST: {
    schema: z.string().min(1).optional(),
    description: 'Address the MQTT over TLS listener binds to (e.g. 0.0.0.0 to take gateways from the network while the plain listener stays on loopback)',
    defaultText: 'INGEST_HOST',
  },
  INGEST_TLS_CERT_FILE: { schema: z.string().min(1).optional(), description: 'PEM file of the TLS listener\'s certificate (with its chain)' },
  INGEST_TLS_KEY_FILE: { schema: z.string().min(1).optional(), description: 'PEM file of the TLS listener\'s private key (the file is the secret: keep it readable by the ingest alone)' },
  INGEST_TLS_CLIENT_CA_FILE: {
    schema: z.string().min(1).optional(),
    description:
      'PEM file of the authority that signs gateway certificates; set: a client of the TLS listener must show a certificate it signed whose common name (CN) is its MQTT user name (the gateway id), besides its secret',
  },
  INGEST_MAX_READINGS_PER_BATCH: { schema: env.positiveInt(1000), description: 'A batch with more readings is refused whole' },
  INGEST_MAX_PACKET_BYTES: { schema: env.positiveInt(1_048_576), description: 'An MQTT packet announcing more bytes closes its connection before it is read' },
  INGEST_MAX_MESSAGES_PER_S: {
    schema: env.positiveInt(50),
    description: 'Messages a second one gateway may publish (bursts of 4× allowed); past it the gateway is disconnected',
  },
  INGEST_MAX_CONNECTIONS_PER_S: {
    schema: env.positiveInt(50),
    description: 'New connections a second from one address (bursts of 4× allowed); past it CONNACK refuses them',
  },
  INGEST_MAX_CLOCK_SKEW_S: { schema: env.positiveInt(300), description: 'How far in the future a reading may be, seconds' },
  INGEST_MAX_READING_AGE_DAYS: { schema: env.positiveInt(400), description: 'How old a reading may be, days' },
  INGEST_JOURNAL_MAX_READINGS: {
    schema: env.positiveInt(5_000_000),
    description: 'Past this many readings waiting for the store, the ingest stops acknowledging until it drains: gateways keep their readings and send them again (docs/architecture.md)',
  },
  INGEST_JOURNAL_ALERT_AFTER_S: {
    schema: env.positiveInt(300),
    description: 'A reading waiting in the journal longer than this, seconds, is a problem of the ingest\'s health message: the platform alert `ingest-journal-behind` (docs/alerts.md)',
  },
  INGEST_PROBLEM_AFTER_S: {
    schema: z.coerce.number().int().min(0).max(3600).default(30),
    description: 'How long, seconds, the store must refuse every write, or an external broker withhold the subscription, before the health message lists it (alerts `ingest-store-refusing`, `ingest-not-subscribed`); 0: at once',
  },
  INGEST_HEALTH_INTERVAL_MS: {
    schema: z.coerce.number().int().min(100).max(60_000).default(5000),
    description: 'How often the ingest publishes its health (retained, `zeropark/v1/health/ingest/<instance>`), besides at once on a change; the carbon service counts it gone after three intervals without one',
  },
  INGEST_STORE_BATCH_READINGS: { schema: env.positiveInt(5000), description: 'Readings per store write' },
  INGEST_STORE_WRITES_IN_FLIGHT: { schema: env.positiveInt(3), description: 'Store writes under way at once: the next batches travel while the store takes the last' },
  INGEST_STORE_LINGER_MS: {
    schema: z.coerce.number().int().min(0, 'must be 0 (write at once) or more').max(10_000, 'must be at most 10 000 ms').default(200),
    description:
      'How long a store write waits for a full batch (INGEST_STORE_BATCH_READINGS) before it goes with fewer readings; 0 writes at once. The journal holds the readings meanwhile, so nothing is less durable; history queries see them that much later',
  },
  LOG_LEVEL: { schema: env.logLevel(), description: 'pino log level' },
};

export type IngestConfig = ConfigOf<typeof INGEST_SETTINGS>;

export function loadIngestConfig(environment: NodeJS.ProcessEnv = process.env): IngestConfig {
  const config = parseConfig(INGEST_SETTINGS, environment, ['ZEROPARK_', 'INGEST_']);
  if (config.INGEST_BROKER_URL === undefined && config.ZEROPARK_BUS_SECRET === undefined) {
    throw new ConfigError(['ZEROPARK_BUS_SECRET: is missing: the password the carbon service uses on the embedded broker']);
  }
  if (config.INGEST_BROKER_URL !== undefined && config.INGEST_BROKER_PASSWORD === undefined) {
    throw new ConfigError(['INGEST_BROKER_PASSWORD: is missing: the ingest\'s password on the broker of INGEST_BROKER_URL']);
  }
  const metricsProblem = metricsTokenProblem('INGEST_HOST', config.INGEST_HOST, 'INGEST_METRICS_TOKEN', config.INGEST_METRICS_TOKEN);
  if (metricsProblem !== undefined) throw new ConfigError([metricsProblem]);
  const tlsProblems = tlsSettingProblems(config);
  if (tlsProblems.length > 0) throw new ConfigError(tlsProblems);
  return config;
}

/** The TLS listener's settings go together: a port without a certificate, or a file without a port, is a mistake. */
function tlsSettingProblems(config: IngestConfig): string[] {
  const needingPort = ['INGEST_TLS_CERT_FILE', 'INGEST_TLS_KEY_FILE', 'INGEST_TLS_CLIENT_CA_FILE', 'INGEST_MQTTS_HOST'] as const;
  if (config.INGEST_MQTTS_PORT === undefined) {
    return needingPort.filter((name) => config[name] !== undefined).map((name) => `${name}: has no effect without INGEST_MQTTS_PORT`);
  }
  const problems: string[] = [];
  if (config.INGEST_BROKER_URL !== undefined) problems.push('INGEST_MQTTS_PORT: opens a TLS listener on the embedded broker, which INGEST_BROKER_URL replaces with an external one');
  for (const name of ['INGEST_TLS_CERT_FILE', 'INGEST_TLS_KEY_FILE'] as const) {
    if (config[name] === undefined) problems.push(`${name}: is missing: INGEST_MQTTS_PORT needs it`);
  }
  return problems;
}
