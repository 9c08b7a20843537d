// Writes docs/configuration.md from the settings each service validates at start, so the
// document is the code's own list: `npm run docs:config` after changing a setting.
import { writeFileSync } from 'node:fs';
import { describeSettings } from '@zeropark/contracts';
import { readCommandLine } from '@zeropark/service-runtime';
import { CARBON_SETTINGS } from '../apps/carbon/dist/carbon.config.js';
import { INGEST_SETTINGS } from '../apps/ingest/dist/ingest.config.js';
import { SIMULATOR_SETTINGS } from '../simulators/park/dist/simulator.config.js';

readCommandLine({
  name: 'docs:config',
  usage: 'npm run docs:config',
  summary: "Rewrites docs/configuration.md from the settings each service checks at start (run it after changing a setting).",
  options: {},
});

const doc = `# Configuration

Each service reads its environment once, at start, into a typed object and refuses to start
with the list of everything wrong — a bad value, a missing secret, or a variable with the
service's prefix that no setting names (a typo, with the likely setting named). This page is
written from that code by \`npm run docs:config\`.

\`npm start\` sets what ties the services together: a random \`ZEROPARK_BUS_SECRET\` per run
(unless you set one), \`ZEROPARK_BUS_URL\` for the carbon service and \`SIM_BROKER_URL\` for the
simulator; \`ZEROPARK_SIMULATOR=off\` starts no simulated gateways.

## Who may read /metrics

\`/metrics\` of each service names every park and gateway. On loopback (the default host of both
services) it answers anyone on the machine. A service bound to any other address
(\`INGEST_HOST\`, \`CARBON_HOST\`, e.g. \`0.0.0.0\`) refuses to start without its metrics token
(\`INGEST_METRICS_TOKEN\`, \`CARBON_METRICS_TOKEN\`, at least 16 characters); with a token set,
\`/metrics\` answers only a request that carries it as \`Authorization: Bearer <token>\`, and
401 otherwise. Prometheus sends it with, in the scrape job:

\`\`\`yaml
authorization:
  credentials_file: /etc/prometheus/zeropark-carbon-metrics-token
\`\`\`

\`/healthz\` and \`/readyz\` name nothing and stay open.

## Ingest (\`apps/ingest\`)

${describeSettings(INGEST_SETTINGS)}

## Carbon service (\`apps/carbon\`)

${describeSettings(CARBON_SETTINGS)}

## Park simulator (\`simulators/park\`)

${describeSettings(SIMULATOR_SETTINGS)}
`;
writeFileSync(new URL('../docs/configuration.md', import.meta.url), doc);
console.log('wrote docs/configuration.md');
