import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, temporaryDirectory } from '@zeropark/test-servers';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningPlatform {
  process: ChildProcess;
  dataDir: string;
  mqttPort: number;
  carbonPort: number;
  ingestHttpPort: number;
  /** The simulator's trip control (HTTP). */
  tripControlPort: number;
  /** The admin token of the dashboard URL `npm start` printed. */
  token: string;
  /** Everything the platform printed so far. */
  output(): string;
  /** Signals the whole process group, as Ctrl-C does, and waits for npm to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the platform exactly as the README says (`npm start`), on free ports and a fresh data folder. */
export async function startPlatform(extraEnv: Record<string, string> = {}): Promise<RunningPlatform> {
  const [mqttPort, carbonPort, ingestHttpPort, tripControlPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const dataDir = temporaryDirectory('e2e');
  const child = spawn('npm', ['start'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NX_DAEMON: 'false',
      INGEST_MQTT_PORT: String(mqttPort),
      INGEST_HTTP_PORT: String(ingestHttpPort),
      CARBON_HTTP_PORT: String(carbonPort),
      SIM_CONTROL_PORT: String(tripControlPort),
      ZEROPARK_DATA_DIR: dataDir,
      SIM_STATE_FILE: join(dataDir, 'simulator-state.json'),
      SIM_INTERVAL_MS: '500',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const deadline = Date.now() + 150_000;
  while (!output.includes('ZeroPark is running.')) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start did not say it was running within 150 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const token = /#token=(\S+)/.exec(output)?.[1];
  if (token === undefined) throw new Error(`npm start printed no dashboard URL with a token:\n${output}`);
  return {
    process: child,
    token,
    dataDir,
    mqttPort,
    carbonPort,
    ingestHttpPort,
    tripControlPort,
    output: () => output,
    async stop(signal = 'SIGINT') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      try {
        // Ctrl-C in a terminal signals the whole foreground group: npm and the launcher under it
        process.kill(-(child.pid ?? 0), signal);
      } catch {
        return; // the group is gone already
      }
      await exited;
    },
  };
}
