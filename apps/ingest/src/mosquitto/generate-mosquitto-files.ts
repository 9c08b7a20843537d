import { BUS_USERNAME, FEED_USERNAME, idSchema } from '@zeropark/contracts';
import { loadRegistries } from '@zeropark/registry';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { z } from 'zod';
import { brokerUsername, INGEST_BROKER_USERNAME, passwordLine, renderAcl } from './mosquitto-files.js';

const secretsSchema = z.strictObject({
  services: z.strictObject({ ingest: z.string().min(16), bus: z.string().min(16), feed: z.string().min(16).optional() }),
  gateways: z.array(z.strictObject({ park: idSchema, id: idSchema, secret: z.string().min(8) })),
});

const usage = `Writes Mosquitto's password and ACL files for the parks of a registry.

  npm run deploy:mosquitto -- --registry config/park.yaml[,more.yaml] --secrets secrets.yaml --out deploy/mosquitto/generated

secrets.yaml (keep it out of version control):
  services: { ingest: <ingest's broker password>, bus: <carbon's bus password>, feed: <grid-intensity feed's password, optional> }
  gateways: [ { park: demo-park, id: gw-b01, secret: … }, … ]`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { registry: { type: 'string' }, secrets: { type: 'string' }, out: { type: 'string' } } });
  if (values.registry === undefined || values.secrets === undefined || values.out === undefined) {
    console.error(usage);
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
    passwordLine(BUS_USERNAME, secrets.services.bus),
    ...(secrets.services.feed === undefined ? [] : [passwordLine(FEED_USERNAME, secrets.services.feed)]),
    ...secrets.gateways.filter((gateway) => parks.get(gateway.park)?.gateways.has(gateway.id)).map((gateway) => passwordLine(brokerUsername(parks, gateway.park, gateway.id), gateway.secret)),
  ];
  mkdirSync(values.out, { recursive: true });
  writeFileSync(join(values.out, 'passwords'), `${passwords.join('\n')}\n`, { mode: 0o600 });
  writeFileSync(join(values.out, 'acl'), renderAcl(parks));
  console.log(`wrote ${join(values.out, 'passwords')} (${passwords.length} users) and ${join(values.out, 'acl')}`);
}

void main();
