import { BUS_USERNAME, FEED_USERNAME, idSchema } from '@zeropark/contracts';
import { loadRegistries } from '@zeropark/registry';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCommandLine } from '@zeropark/service-runtime';
import { parse } from 'yaml';
import { z } from 'zod';
import { brokerUsername, INGEST_BROKER_USERNAME, ingestBrokerUsername, passwordLine, renderAcl } from './mosquitto-files.js';

const secretsSchema = z.strictObject({
  services: z.strictObject({ ingest: z.string().min(16), ingestInstances: z.array(idSchema).min(1), bus: z.string().min(16), feed: z.string().min(16).optional() }),
  gateways: z.array(z.strictObject({ park: idSchema, id: idSchema, secret: z.string().min(8) })),
});

/** `npm run deploy:mosquitto`: its line, its `--help` (deploy/README.md). */
const DEPLOY_MOSQUITTO = {
  name: 'deploy:mosquitto',
  usage: 'npm run deploy:mosquitto -- --registry <files> --secrets <file> --out <folder>',
  summary: "Writes Mosquitto's password and ACL files for the parks of a registry.",
  options: {
    registry: { type: 'string', value: '<files>', description: 'Registry files, comma-separated: config/park.yaml[,more.yaml]' },
    secrets: { type: 'string', value: '<file>', description: 'The secrets file (below)' },
    out: { type: 'string', value: '<folder>', description: 'Where passwords and acl are written, e.g. deploy/mosquitto/generated' },
  },
  notes: `secrets.yaml (keep it out of version control):
  services: { ingest: <ingest's broker password>, ingestInstances: [ingest-1, …], bus: <carbon's bus password>, feed: <grid-intensity feed's password, optional> }
  gateways: [ { park: demo-park, id: gw-b01, secret: … }, … ]`,
} as const;

async function main(): Promise<void> {
  const { values } = readCommandLine(DEPLOY_MOSQUITTO);
  if (values.registry === undefined || values.secrets === undefined || values.out === undefined) {
    const absent = (['registry', 'secrets', 'out'] as const).filter((name) => values[name] === undefined);
    console.error(`deploy:mosquitto: give ${absent.map((name) => `--${name}`).join(', ')}; \`--help\` says what each is`);
    process.exit(2);
  }
  const parks = await loadRegistries(values.registry.split(','));
  const secrets = secretsSchema.parse(parse(readFileSync(values.secrets, 'utf8')));
  const missing = [...parks].flatMap(([parkId, registry]) =>
    [...registry.gateways.keys()].filter((id) => !secrets.gateways.some((gateway) => gateway.park === parkId && gateway.id === id)).map((id) => `${parkId}/${id}`),
  );
  if (missing.length > 0) {
    console.error(`no secret for gateway${missing.length > 1 ? 's' : ''} ${missing.join(', ')} in ${values.secrets}`);
    process.exit(2);
  }
  const passwords = [
    passwordLine(INGEST_BROKER_USERNAME, secrets.services.ingest),
    // an account per ingest instance (INGEST_INSTANCE): Mosquitto makes the user name the client id
    ...secrets.services.ingestInstances.map((instance) => passwordLine(ingestBrokerUsername(instance), secrets.services.ingest)),
    passwordLine(BUS_USERNAME, secrets.services.bus),
    ...(secrets.services.feed === undefined ? [] : [passwordLine(FEED_USERNAME, secrets.services.feed)]),
    ...secrets.gateways.filter((gateway) => parks.get(gateway.park)?.gateways.has(gateway.id)).map((gateway) => passwordLine(brokerUsername(parks, gateway.park, gateway.id), gateway.secret)),
  ];
  mkdirSync(values.out, { recursive: true });
  writeFileSync(join(values.out, 'passwords'), `${passwords.join('\n')}\n`, { mode: 0o600 });
  writeFileSync(join(values.out, 'acl'), renderAcl(parks, secrets.services.ingestInstances));
  console.log(`wrote ${join(values.out, 'passwords')} (${passwords.length} users) and ${join(values.out, 'acl')}`);
}

void main();
