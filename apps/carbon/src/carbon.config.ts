import { ConfigError, env, parseConfig, type ConfigOf } from '@zeropark/contracts';
import { metricsTokenProblem } from '@zeropark/service-runtime';
import { STORE_SETTINGS } from '@zeropark/timeseries';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const BUILT_DASHBOARD = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));

/** Every setting of the carbon service, validated at start (docs/configuration.md lists them). */
export const CARBON_SETTINGS = {
  ZEROPARK_REGISTRY: { schema: env.list('config/example-park.yaml'), description: 'Park registry files, comma-separated, one park each' },
  ZEROPARK_BUS_URL: { schema: env.text('mqtt://127.0.0.1:1883'), description: 'MQTT broker carrying the bus (zeropark/v1/accepted/+)' },
  ZEROPARK_BUS_SECRET: {
    schema: z.string({ error: 'is missing: the password of the bus account, as given to the ingest' }).min(16, 'needs at least 16 characters'),
    description: 'Password of the bus service account (user `zeropark-bus`)',
    secret: true,
  },
  CARBON_TOKEN_SECRET: {
    schema: z.string({ error: 'is missing: the secret access tokens are signed with (npm run issue-token makes tokens with it)' }).min(32, 'needs at least 32 characters'),
    description: 'Secret that signs and checks access tokens (HMAC-SHA256); `npm start` makes one per run',
    secret: true,
  },
  CARBON_ALLOWED_ORIGINS: {
    schema: env.list('').refine((origins) => origins.every(isWebOrigin), 'each must be a web origin such as https://energy.example.com (scheme, host and port; no path)'),
    description: 'Web origins (e.g. `https://energy.example.com`) besides the served dashboard allowed to open a WebSocket, comma-separated',
  },
  CARBON_HOST: { schema: env.text('127.0.0.1'), description: 'Address the HTTP and WebSocket server binds to' },
  CARBON_METRICS_TOKEN: {
    schema: z.string().min(16, 'needs at least 16 characters').optional(),
    description: 'Set: /metrics answers only a request with `Authorization: Bearer <token>`. Required when CARBON_HOST is not a loopback address: the figures name every park',
    secret: true,
  },
  CARBON_HTTP_PORT: { schema: env.port(3000), description: 'Port of the dashboard, /api, Socket.IO, /healthz and /metrics (0: any free port)' },
  CARBON_PUSH_INTERVAL_MS: {
    schema: z.coerce.number().int().min(100, 'must be at least 100 ms').max(60_000).default(1000),
    description: 'A park that changes gets one snapshot every interval, on a steady beat; the first change after a quiet spell goes at once, and the beat stops once nothing changed for the park\'s shortest meter interval (docs/architecture.md, "Live figures")',
  },
  CARBON_MAX_EVENTS_PER_S: {
    schema: env.positiveInt(20),
    description: 'Events a second one dashboard connection may send (joins, leaves, acknowledgements; bursts of 4× allowed); past it the connection is told (`session:end`) and closed',
  },
  CARBON_DIRECT_FRAMES: {
    schema: z.enum(['on', 'off']).default('on'),
    description: '`on`: a snapshot goes to each WebSocket dashboard of its room as one ready frame, past engine.io\'s per-socket packet path (less CPU a dashboard); `off`: every frame takes Socket.IO\'s own path',
  },
  ...STORE_SETTINGS,
  ZEROPARK_DATA_DIR: { schema: env.text('data'), description: 'Folder of the embedded store (with ZEROPARK_STORE=sqlite)' },
  CARBON_SERIES_INTERVAL_MS: {
    schema: z.coerce.number().int().min(1000, 'must be at least 1000 ms').max(60_000).default(10_000),
    description: 'How often the minutes accounted anew are written to the `carbon` series',
  },
  CARBON_LIVE_WINDOW_MINUTES: {
    schema: z.coerce.number().int().min(5, 'must be at least 5 minutes').max(1440).default(30),
    description: 'Minutes held in full, re-accounted when a late reading lands in them; older ones are written as corrections. Memory grows with it',
  },
  CARBON_REPLAY_HOURS: {
    schema: z.coerce.number().min(1).max(48).default(6),
    description: 'After a restart, how far before the live window to look for each meter\'s last reading (its counters); a meter silent longer starts again from its next reading',
  },
  CARBON_ALERT_EVALUATE_MS: {
    schema: z.coerce.number().int().min(100, 'must be at least 100 ms').max(60_000).default(1000),
    description: 'How often the alert rules are evaluated against the live figures (the finest step of a rule\'s duration)',
  },
  CARBON_WEBHOOK_TIMEOUT_MS: { schema: z.coerce.number().int().min(100).max(120_000).default(10_000), description: 'How long one webhook attempt may take before it counts as failed' },
  CARBON_WEBHOOK_RETRY_INITIAL_MS: { schema: z.coerce.number().int().min(10).max(600_000).default(1000), description: 'Wait after a webhook\'s first failure; it doubles with each failure in a row' },
  CARBON_WEBHOOK_RETRY_MAX_MS: { schema: z.coerce.number().int().min(10).max(3_600_000).default(300_000), description: 'Longest wait between two attempts of a webhook' },
  CARBON_WEBHOOK_GIVE_UP_HOURS: {
    schema: z.coerce.number().min(0.001).max(24 * 30).default(24),
    description: 'A delivery still failing this long after its transition is abandoned (kept in the outbox, logged, counted)',
  },
  CARBON_DASHBOARD_DIR: { schema: env.text(BUILT_DASHBOARD), description: 'Folder of the built dashboard to serve', defaultText: 'apps/dashboard/dist' },
  LOG_LEVEL: { schema: env.logLevel(), description: 'pino log level' },
};

function isWebOrigin(text: string): boolean {
  try {
    return new URL(text).origin === text;
  } catch {
    return false;
  }
}

export type CarbonConfig = ConfigOf<typeof CARBON_SETTINGS>;

export function loadCarbonConfig(environment: NodeJS.ProcessEnv = process.env): CarbonConfig {
  const config = parseConfig(CARBON_SETTINGS, environment, ['ZEROPARK_', 'CARBON_']);
  const metricsProblem = metricsTokenProblem('CARBON_HOST', config.CARBON_HOST, 'CARBON_METRICS_TOKEN', config.CARBON_METRICS_TOKEN);
  if (metricsProblem !== undefined) throw new ConfigError([metricsProblem]);
  return config;
}
