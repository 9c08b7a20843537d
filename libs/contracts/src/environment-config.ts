import { z } from 'zod';
import { describeIssues } from './describe-issues.js';

/**
 * Configuration is read once, at start, from the environment into a typed object, failing with
 * the list of everything wrong (docs/configuration.md). Each setting carries its description, so the
 * same table documents it; a variable with one of the service's prefixes that no setting
 * names is a typo and an error, not silently ignored.
 */
export interface Setting<T extends z.ZodType = z.ZodType> {
  schema: T;
  description: string;
  secret?: boolean;
  /** How the default reads in the docs, where the value itself depends on the machine. */
  defaultText?: string;
}

export type Settings = Record<string, Setting>;

export type ConfigOf<S extends Settings> = { [K in keyof S]: z.output<S[K]['schema']> };

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`the configuration has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Variables shared by the whole platform under `ZEROPARK_`; each service reads some of them, and
 * none takes another's for a typo.
 */
export const PLATFORM_SETTING_NAMES = [
  'ZEROPARK_REGISTRY',
  'ZEROPARK_DATA_DIR',
  'ZEROPARK_BUS_URL',
  'ZEROPARK_BUS_SECRET',
  'ZEROPARK_FEED_SECRET',
  'ZEROPARK_SIMULATOR',
  'ZEROPARK_STORE',
  'ZEROPARK_INFLUX_URL',
  'ZEROPARK_INFLUX_DATABASE',
  'ZEROPARK_INFLUX_TOKEN',
  'ZEROPARK_INFLUX_API',
] as const;

export function parseConfig<S extends Settings>(
  settings: S,
  environment: Readonly<Record<string, string | undefined>>,
  prefixes: readonly string[],
): ConfigOf<S> {
  const problems: string[] = [];
  const config: Record<string, unknown> = {};
  for (const [name, setting] of Object.entries(settings)) {
    const parsed = setting.schema.safeParse(environment[name]);
    if (parsed.success) config[name] = parsed.data;
    else problems.push(...describeIssues(parsed.error, [name]).map((line) => (line.startsWith(`${name}:`) ? line : `${name}: ${line}`)));
  }
  const known = [...Object.keys(settings), ...PLATFORM_SETTING_NAMES];
  for (const name of Object.keys(environment)) {
    if (!prefixes.some((prefix) => name.startsWith(prefix)) || known.includes(name)) continue;
    const near = known.find((candidate) => editDistance(candidate, name) <= 2);
    problems.push(`${name}: unknown setting${near === undefined ? '' : ` (did you mean ${near}?)`}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config as ConfigOf<S>;
}

/** Settings as a Markdown table for the docs: name, description, default; secrets marked. */
export function describeSettings(settings: Settings): string {
  const rows = Object.entries(settings).map(([name, setting]) => {
    const fallback = setting.schema.safeParse(undefined);
    const fallbackText = setting.defaultText ?? (fallback.success && fallback.data !== undefined ? String(fallback.data) : undefined);
    // optional settings parse when unset; required ones do not
    const shown = fallbackText !== undefined ? `\`${fallbackText}\`` : fallback.success ? 'unset' : 'required';
    return `| \`${name}\` | ${setting.description}${setting.secret === true ? ' (secret)' : ''} | ${shown} |`;
  });
  return ['| variable | meaning | default |', '| --- | --- | --- |', ...rows].join('\n');
}

/** Common setting shapes. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  positiveInt: (fallback: number) => z.coerce.number().int().positive().default(fallback),
  text: (fallback: string) => z.string().min(1).default(fallback),
  list: (fallback: string) =>
    z
      .string()
      .min(1)
      .default(fallback)
      .transform((text) => text.split(',').map((item) => item.trim()).filter((item) => item.length > 0)),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};

/** Levenshtein distance: how a mistyped name is matched to the one meant. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j] ?? 0;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}
