import { nodeFlagsOf } from '@zeropark/service-runtime';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './platform-process.js';

export interface ServiceProcess {
  readonly process: ChildProcess;
  output(): string;
  /** Sends a signal and waits for the process to be gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * A built service (`apps/<app>/dist/main.js`) as its own process, with the Node flags of its
 * `node-flags.json`, ready when its /readyz says so. For benchmark experiments:
 * PROFILE_INGEST_TO (PROFILE_CARBON_TO) writes a V8 CPU profile of the
 * ingest (the carbon service) there; BENCH_INGEST_NODE_FLAGS (BENCH_CARBON_NODE_FLAGS) passes
 * Node flags to it, after those of its file (e.g. `--max-semi-space-size=16`, Node's default, to
 * compare with it).
 */
export async function startServiceProcess(app: 'ingest' | 'carbon', env: Record<string, string>, httpPort: number): Promise<ServiceProcess> {
  const profileTo = app === 'ingest' ? process.env.PROFILE_INGEST_TO : process.env.PROFILE_CARBON_TO;
  const flags = [
    ...nodeFlagsOf(pathToFileURL(join(REPO_ROOT, `apps/${app}/`))),
    ...(profileTo === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileTo}`]),
    ...((app === 'ingest' ? process.env.BENCH_INGEST_NODE_FLAGS : process.env.BENCH_CARBON_NODE_FLAGS) ?? '').split(' ').filter(Boolean),
  ];
  const portSetting = app === 'ingest' ? 'INGEST_HTTP_PORT' : 'CARBON_HTTP_PORT';
  const child = spawn(process.execPath, [...flags, join(REPO_ROOT, `apps/${app}/dist/main.js`)], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', [portSetting]: String(httpPort), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-50_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the ${app} service exited with ${child.exitCode}:\n${output}`);
    const ready = await fetch(`http://127.0.0.1:${httpPort}/readyz`).then((response) => response.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the ${app} service was not ready within 30 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    process: child,
    output: () => output,
    async kill(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill(signal);
      await exited;
    },
  };
}
