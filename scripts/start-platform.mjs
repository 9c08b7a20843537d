// `npm start`: the whole platform on one machine with nothing installed beyond `npm ci`:
// the ingest (embedded MQTT broker, embedded SQLite store), the carbon service (dashboard,
// Socket.IO, REST), and a simulated park. Prints where everything is; Ctrl-C stops it all.
//
// Each service validates its own environment (docs/configuration.md); this launcher sets only
// what ties them together: the bus password and the secret access tokens are signed with (both
// random per run unless ZEROPARK_BUS_SECRET / CARBON_TOKEN_SECRET are set), and the bus address.
// It prints the dashboard URL with an admin token for this machine's user in its fragment.
// ZEROPARK_SIMULATOR=off starts no simulated gateways.
import { issueAccessToken } from '@zeropark/access';
import { nodeFlagsOf, readCommandLine } from '@zeropark/service-runtime';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

readCommandLine({
  name: 'start',
  usage: 'npm start',
  summary: 'Starts the platform on this machine: the ingest (embedded MQTT broker and store), the carbon service and dashboard, and a simulated park; prints where everything is. Ctrl-C stops it all. Its settings are environment variables (docs/configuration.md); ZEROPARK_SIMULATOR=off starts no simulated gateways.',
  options: {},
});

const root = fileURLToPath(new URL('..', import.meta.url));
const env = process.env;
const host = env.INGEST_HOST ?? '127.0.0.1';
const ports = {
  mqtt: env.INGEST_MQTT_PORT ?? '1883',
  ingestHttp: env.INGEST_HTTP_PORT ?? '9101',
  carbonHttp: env.CARBON_HTTP_PORT ?? '3000',
  tripControl: env.SIM_CONTROL_PORT ?? '9102',
};
const carbonHost = env.CARBON_HOST ?? '127.0.0.1';
const busSecret = env.ZEROPARK_BUS_SECRET ?? randomBytes(24).toString('base64url');
const tokenSecret = env.CARBON_TOKEN_SECRET ?? randomBytes(32).toString('base64url');
const withSimulator = (env.ZEROPARK_SIMULATOR ?? 'on') !== 'off';
const shared = { ...env, ZEROPARK_BUS_SECRET: busSecret, CARBON_TOKEN_SECRET: tokenSecret, INGEST_MQTT_PORT: ports.mqtt, INGEST_HTTP_PORT: ports.ingestHttp, CARBON_HTTP_PORT: ports.carbonHttp };
const busUrl = `mqtt://${host}:${ports.mqtt}`;

const services = [];
let stopping = false;

function start(name, script, extraEnv) {
  // Own process group: Ctrl-C reaches this launcher alone, which stops the services in order
  // (simulator, carbon, ingest). The IPC channel lets each service see the launcher vanish.
  // a service's Node flags (its node-flags.json, e.g. the ingest's young generation) go before its script
  const flags = nodeFlagsOf(new URL(`../${script.replace(/dist\/main\.js$/, '')}`, import.meta.url));
  const child = spawn(process.execPath, [...flags, script], {
    cwd: root,
    env: { ...shared, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: true,
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => console.log(`[${name}] ${readable(line)}`));
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[${name}] stopped unexpectedly (${signal ?? `exit ${code}`}); stopping the platform`);
      void stopAll(1);
    }
  });
  services.push({ name, child });
  return child;
}

/** A pino JSON line as one readable line: level, message, then the other fields. */
function readable(line) {
  try {
    const { level, time, msg, pid, hostname, name, ...rest } = JSON.parse(line);
    const levels = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
    const fields = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
    return `${levels[level] ?? level} ${msg}${fields}`;
  } catch {
    return line;
  }
}

async function waitReady(name, url, child) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited before it was ready`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} was not ready at ${url} within 60 s`);
}

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const { child } of [...services].reverse()) {
    if (child.exitCode !== null) continue;
    child.kill('SIGTERM');
    await Promise.race([new Promise((resolve) => child.once('exit', resolve)), new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  process.exit(code);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  const ingest = start('ingest', 'apps/ingest/dist/main.js', {});
  await waitReady('ingest', `http://${host}:${ports.ingestHttp}/readyz`, ingest);
  const carbon = start('carbon', 'apps/carbon/dist/main.js', { ZEROPARK_BUS_URL: busUrl });
  await waitReady('carbon', `http://${carbonHost}:${ports.carbonHttp}/readyz`, carbon);
  if (withSimulator) start('simulator', 'simulators/park/dist/main.js', { SIM_BROKER_URL: busUrl, SIM_CONTROL_PORT: ports.tripControl, LOG_LEVEL: env.SIM_LOG_LEVEL ?? 'warn' });
  const dashboard = `http://${carbonHost}:${ports.carbonHttp}/`;
  // the fragment never reaches a server log; the dashboard keeps the token for the browser tab
  const token = await issueAccessToken(tokenSecret, { subject: 'npm-start', role: 'admin', parks: ['*'], ttlSeconds: 7 * 86_400 });
  console.log(`
  ZeroPark is running.

    Dashboard      ${dashboard}#token=${token}
    MQTT broker    ${busUrl}   (gateways: QoS 1 on parks/{park}/gateways/{gateway}/readings)
    Demo gateway   user demo-gateway, password demo-secret   (feeds the "Demo lab" building)
    Simulator      ${withSimulator ? 'on: four gateways of demo-park publish every 2 s' : 'off'}
    Health         http://${host}:${ports.ingestHttp}/metrics   ${dashboard}metrics
    Access         the URL above carries an admin token for all parks; others: npm run issue-token

  Try:  mosquitto_pub -h ${host} -p ${ports.mqtt} -q 1 -u demo-gateway -P demo-secret \\
          -t parks/demo-park/gateways/demo-gateway/readings \\
          -m "{\\"v\\":1,\\"seq\\":1,\\"readings\\":[{\\"meter\\":\\"LAB-MAIN\\",\\"ts\\":$(date +%s%3N),\\"values\\":{\\"power_kw\\":42}}]}"

${
    withSimulator
      ? `  Alerts: the simulator trips the example park's rules on demand (docs/alerts.md), e.g.
          curl -X POST http://127.0.0.1:${ports.tripControl}/trips/overload/B01      (b01-overload after 1 min)
          curl -X POST http://127.0.0.1:${ports.tripControl}/trips/offline/gw-b03    (gateway-offline at once)
        and the same with -X DELETE ends the trip, so the alert resolves.

`
      : ''
  }  Ctrl-C stops everything.
`);
} catch (error) {
  console.error(`npm start: ${error.message}`);
  await stopAll(1);
}
