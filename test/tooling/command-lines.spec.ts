import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/platform-process.js';

/**
 * Every command of the README, run as `npm run` runs it (the built file, after its build): `--help`
 * prints its usage and does nothing else; an option it does not have is refused in one line
 * naming it, exit code 2, before anything is done (`npm start` starts nothing, the doc writers
 * write nothing).
 */
const COMMANDS = [
  { script: 'issue-token', file: 'apps/carbon/dist/auth/issue-token.js' },
  { script: 'hash-secret', file: 'scripts/hash-secret.mjs' },
  { script: 'deploy:mosquitto', file: 'apps/ingest/dist/mosquitto/generate-mosquitto-files.js' },
  { script: 'schemas', file: 'libs/contracts/scripts/write-json-schemas.mjs' },
  { script: 'docs:config', file: 'scripts/write-configuration-doc.mjs' },
  { script: 'start', file: 'scripts/start-platform.mjs' },
] as const;

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, ...args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    // stdin closed: hash-secret would otherwise wait for a secret on it
    const child = execFile(process.execPath, [join(REPO_ROOT, file), ...args], { cwd: REPO_ROOT, timeout: 20_000, env: { ...process.env, CARBON_TOKEN_SECRET: undefined } }, (error, stdout, stderr) => {
      resolve({ code: typeof error?.code === 'number' ? error.code : error === null ? 0 : -1, stdout, stderr });
    });
    child.stdin?.end();
  });
}

describe('command lines', () => {
  it.each(COMMANDS)('should print the usage of npm run $script on --help, and do nothing else', async ({ script, file }) => {
    const outcome = await run(file, '--help');
    expect(outcome).toMatchObject({ code: 0, stderr: '' });
    expect(outcome.stdout).toMatch(new RegExp(`^Usage: npm (run ${script}|start)\\b`));
    expect(outcome.stdout).toContain('-h, --help');
  });

  it.each(COMMANDS)('should refuse an unknown option of npm run $script in one line naming it, with exit code 2', async ({ file }) => {
    const outcome = await run(file, '--bogus');
    expect(outcome).toMatchObject({ code: 2, stdout: '' });
    expect(outcome.stderr).toMatch(/^[\w:-]+: unknown option --bogus; `--help` lists its options\n$/);
  });

  it('should refuse an unknown option of npm run replay in one line naming it and the option meant, with exit code 2', async () => {
    // the replay says every problem of its line at once (test/e2e/meter-file-replay.spec.ts); here the only one
    const outcome = await run('simulators/park/dist/replay/replay-main.js', '--file', 'meter.csv', '--fist-day', '2026-11-01');
    expect(outcome).toMatchObject({ code: 2, stdout: '', stderr: 'replay: --fist-day: unknown setting (did you mean first-day?)\n' });
  });

  it('should print the options of npm run replay on --help', async () => {
    const outcome = await run('simulators/park/dist/replay/replay-main.js', '--help');
    expect(outcome).toMatchObject({ code: 0, stderr: '' });
    expect(outcome.stdout).toMatch(/^npm run replay -- --file <csv> \[options\]\n/);
  });

  it('should hash a secret that starts with -- when it follows --', async () => {
    const outcome = await run('scripts/hash-secret.mjs', '--', '--a-long-secret');
    expect(outcome).toMatchObject({ code: 0, stderr: '' });
    expect(outcome.stdout).toMatch(/^scrypt\$/);
  });
});
