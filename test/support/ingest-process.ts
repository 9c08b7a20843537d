import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { REPO_ROOT } from './platform-process.js';

export interface IngestProcess {
  readonly process: ChildProcess;
  output(): string;
  /** Sends a signal and waits for the process to be gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** The built ingest (`apps/ingest/dist/main.js`) as its own process, ready when /readyz says so. */
export async function startIngestProcess(env: Record<string, string>, httpPort: number): Promise<IngestProcess> {
  // for `npm run bench:ingest` experiments: PROFILE_INGEST_TO writes a V8 CPU profile of the ingest
  // there; BENCH_INGEST_NODE_FLAGS passes Node flags (e.g. `--max-semi-space-size=64`)
  const profile = process.env.PROFILE_INGEST_TO === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE_INGEST_TO}`];
  const child = spawn(process.execPath, [...profile, ...(process.env.BENCH_INGEST_NODE_FLAGS ?? '').split(' ').filter(Boolean), join(REPO_ROOT, 'apps/ingest/dist/main.js')], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', INGEST_HTTP_PORT: String(httpPort), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-50_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the ingest exited with ${child.exitCode}:\n${output}`);
    const ready = await fetch(`http://127.0.0.1:${httpPort}/readyz`).then((response) => response.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`the ingest was not ready within 30 s:\n${output}`);
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

/** The environment of an ingest with its embedded broker, storing in InfluxDB: what the reliability suites and the benchmark run. */
export function embeddedIngestOnInfluxdb(options: { registryFile: string; dataDir: string; influxUrl: string; database: string; mqttPort: number }): Record<string, string> {
  return {
    ZEROPARK_REGISTRY: options.registryFile,
    ZEROPARK_DATA_DIR: options.dataDir,
    ZEROPARK_BUS_SECRET: 'bus-secret-of-the-test-suites',
    ZEROPARK_STORE: 'influxdb',
    ZEROPARK_INFLUX_URL: options.influxUrl,
    ZEROPARK_INFLUX_DATABASE: options.database,
    INGEST_MQTT_PORT: String(options.mqttPort),
  };
}
