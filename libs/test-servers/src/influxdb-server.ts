import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { requireCommand } from './require-command.js';
import { temporaryDirectory } from './temporary-directory.js';
import { processCpuSeconds, startServerProcess, type ServerProcess } from './server-process.js';

export interface InfluxdbServer {
  url: string;
  port: number;
  /** Stops the server; its data stays, so `start()` brings the same database back. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** CPU seconds (user + system) the server process has used so far, from /proc. */
  cpuSeconds(): number;
  /** Runs an InfluxQL statement on /query (as the admin user, when there is one); resolves with the parsed JSON. */
  query(statement: string, database?: string): Promise<InfluxqlResponse>;
}

export interface InfluxdbOptions {
  /**
   * Turns authentication on (`[http] auth-enabled = true`) and creates this admin user: a
   * server with authentication and no user yet takes only the statement creating one
   * (InfluxDB 1.x docs, "Authentication and authorization", "Set up authentication").
   */
  admin?: { username: string; password: string };
}

export interface InfluxqlResponse {
  results: { statement_id: number; series?: { name: string; columns: string[]; values: unknown[][] }[]; error?: string }[];
  error?: string;
}

/**
 * Debian's InfluxDB (`influxd`, 1.6) in a folder of its own, on free loopback ports, with usage
 * reporting off (this machine has no network beyond the package registries).
 */
export async function startInfluxdb(options: InfluxdbOptions = {}): Promise<InfluxdbServer> {
  const influxd = requireCommand('influxd', 'influxdb');
  const dir = temporaryDirectory('influxdb');
  const [port, rpcPort] = [await freePort(), await freePort()];
  const config = join(dir, 'influxdb.conf');
  writeFileSync(
    config,
    `reporting-disabled = true
bind-address = "127.0.0.1:${rpcPort}"
[meta]
  dir = "${dir}/meta"
[data]
  dir = "${dir}/data"
  wal-dir = "${dir}/wal"
  query-log-enabled = false
[http]
  bind-address = "127.0.0.1:${port}"
  log-enabled = false
  auth-enabled = ${options.admin !== undefined}
[monitor]
  store-enabled = false
[continuous_queries]
  enabled = false
`,
  );
  const url = `http://127.0.0.1:${port}`;
  let server: ServerProcess | undefined;
  const start = async () => {
    server = await startServerProcess('influxd', influxd, ['-config', config], async () => (await fetch(`${url}/ping`)).status === 204);
  };
  await start();
  const { admin } = options;
  // basic authentication, which every 1.x reads (InfluxDB 1.x docs, "Authenticate using basic authentication")
  const headers: Record<string, string> = admin === undefined ? {} : { authorization: `Basic ${Buffer.from(`${admin.username}:${admin.password}`).toString('base64')}` };
  if (admin !== undefined) {
    const body = new URLSearchParams({ q: `CREATE USER "${admin.username}" WITH PASSWORD '${admin.password.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}' WITH ALL PRIVILEGES` });
    const response = await fetch(`${url}/query`, { method: 'POST', body });
    const answer = (await response.json()) as InfluxqlResponse;
    const error = answer.error ?? answer.results[0]?.error;
    if (!response.ok || error !== undefined) throw new Error(`influxd did not create the admin user (${response.status}): ${error ?? response.statusText}`);
  }
  return {
    url,
    port,
    start,
    stop: async () => server?.stop(),
    cpuSeconds: () => processCpuSeconds(server?.process.pid),
    async query(statement, database) {
      const body = new URLSearchParams({ q: statement, epoch: 'ms', ...(database === undefined ? {} : { db: database }) });
      const response = await fetch(`${url}/query`, { method: 'POST', body, headers });
      return (await response.json()) as InfluxqlResponse;
    },
  };
}
