import { ConfigError, env, parseConfig, type ConfigOf } from '@zeropark/contracts';
import { parseArgs } from 'node:util';
import { z } from 'zod';

/**
 * Every option of `npm run replay`, checked at start; the same table is its `--help`. An option
 * no setting names is a typo and an error (with the nearest name), not silently ignored.
 */
export const REPLAY_OPTIONS = {
  file: { schema: z.string({ error: 'name the meter file: --file path/to/file.csv' }).min(1), description: "The meter's interval file (CSV): one row per interval, its time and its kWh" },
  registry: { schema: env.text('config/example-park.yaml'), description: 'Registry of the park the meter is in (its time zone, gateways and meters)' },
  gateway: { schema: env.text('demo-gateway'), description: 'Gateway the readings are published as' },
  secret: { schema: env.text('demo-secret'), description: "The gateway's secret (the default is the example park's demo gateway's)", secret: true },
  meter: { schema: z.string().min(1).optional(), description: "Meter the file is replayed as; by default the gateway's only meter" },
  broker: { schema: env.text('mqtt://127.0.0.1:1883'), description: 'MQTT broker of the ingest' },
  'first-day': {
    schema: z.iso.date('a day written YYYY-MM-DD').optional(),
    description: "Day of the park's time zone the file's first day is replayed on; by default the file ends yesterday. Times of day are kept",
  },
  'counter-start': { schema: z.string().regex(/^\d+(\.\d+)?$/, 'kWh, a number ≥ 0').default('0'), description: "The meter's import counter at the start of the first interval, kWh" },
  'time-column': { schema: z.string().min(1).optional(), description: 'Header of the time column; by default the first column' },
  'kwh-column': { schema: z.string().min(1).optional(), description: 'Header of the energy column; by default the first whose header says kWh' },
  'time-format': { schema: env.text('MM/dd/yyyy HH:mm:ss'), description: 'How the times are written (Luxon tokens: yyyy-MM-dd HH:mm, dd.MM.yyyy HH:mm, …)' },
  stamp: { schema: z.enum(['end', 'start']).default('end'), description: "Whether a row's time is the end of its interval (utilities' usual \"hour ending\") or its start" },
  batch: { schema: z.coerce.number().int().min(1).max(1000).default(24), description: 'Readings a message (a day of hourly ones by default: a long backlog at once holds up the carbon service)' },
  help: { schema: z.boolean().default(false), description: 'This table, and nothing replayed' },
};

export type ReplayOptions = ConfigOf<typeof REPLAY_OPTIONS>;

/** The command line's options, each checked; a ConfigError lists every problem, each with its option. */
export function parseReplayOptions(argv: readonly string[]): ReplayOptions {
  const declared = Object.fromEntries(Object.keys(REPLAY_OPTIONS).map((name) => [name, { type: name === 'help' ? ('boolean' as const) : ('string' as const) }]));
  const { values, positionals } = parseArgs({ args: [...argv], strict: false, allowPositionals: true, options: declared });
  const problems: string[] = [];
  const given: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const last: unknown = Array.isArray(value) ? value.at(-1) : value;
    // a string option with nothing after it comes as true
    if (name !== 'help' && name in REPLAY_OPTIONS && last === true) problems.push(`--${name}: give it a value (--${name} …)`);
    else given[name] = last;
  }
  const unknown = Object.keys(values).some((name) => !(name in REPLAY_OPTIONS));
  // after an unknown option, its value shows as a positional: the unknown name says enough
  if (positionals.length > 0 && !unknown) problems.push(`${positionals.map((text) => `"${text}"`).join(', ')}: options are written --name value`);
  try {
    const options = parseConfig(REPLAY_OPTIONS, given as Record<string, string | undefined>, ['']);
    if (problems.length === 0) return options;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems.map((problem) => `--${problem}`));
  }
  throw new ConfigError(problems);
}
