import { readFileSync } from 'node:fs';

/**
 * The Node flags a service is measured and meant to run with, from the `node-flags.json` beside
 * its package (e.g. apps/ingest/node-flags.json); none when it has no such file. The launchers
 * (`npm start`, the test and benchmark harness) pass them, and the service warns when started
 * without them (`missingNodeFlags`).
 */
export function nodeFlagsOf(packageDirectory: URL): string[] {
  let text: string;
  try {
    text = readFileSync(new URL('node-flags.json', packageDirectory), 'utf8');
  } catch {
    return [];
  }
  const flags: unknown = JSON.parse(text);
  if (!Array.isArray(flags) || !flags.every((flag) => typeof flag === 'string' && flag.startsWith('--'))) {
    throw new Error(`${new URL('node-flags.json', packageDirectory).pathname}: a list of Node flags is expected, like ["--max-semi-space-size=64"]`);
  }
  return flags as string[];
}

/** Those of `expected` that the process was started without, on its command line or in NODE_OPTIONS. */
export function missingNodeFlags(expected: readonly string[], started: { execArgv: readonly string[]; nodeOptions: string | undefined } = { execArgv: process.execArgv, nodeOptions: process.env.NODE_OPTIONS }): string[] {
  const given = new Set([...started.execArgv, ...(started.nodeOptions ?? '').split(/\s+/)]);
  return expected.filter((flag) => !given.has(flag));
}

/** Says, through `warn`, which of the flags of the package's node-flags.json the process was started without. */
export function warnOfMissingNodeFlags(packageDirectory: URL, warn: (fields: Record<string, unknown>, message: string) => void): void {
  const missing = missingNodeFlags(nodeFlagsOf(packageDirectory));
  if (missing.length > 0) warn({ missing }, 'started without the Node flags of its node-flags.json: it will spend more CPU (docs/benchmarks.md)');
}
