import { startMosquitto, type MosquittoServer } from '@zeropark/test-servers';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { composeServicesRunning } from './compose-file.js';
import { MARKER, type LoadPark } from './load-park.js';
import { REPO_ROOT } from './platform-process.js';

export const INGEST_BROKER_PASSWORD = 'ingest-broker-password-of-the-test';
export const BUS_BROKER_PASSWORD = 'bus-broker-password-of-the-test';
export const FEED_BROKER_PASSWORD = 'feed-broker-password-of-the-test';

/** The INGEST_INSTANCE of each ingest of deploy/compose.yaml. */
const COMPOSE_INGEST_INSTANCES = composeServicesRunning('ingest').flatMap(([, service]) => service.environment?.INGEST_INSTANCE ?? []);

/**
 * Mosquitto as `deploy/` ships it: the shipped mosquitto.conf, with password and ACL files made
 * by the shipped generator (`npm run deploy:mosquitto`) from the park's registry, with an account
 * for each of `ingestInstances` (INGEST_INSTANCE; by default those of deploy/compose.yaml).
 */
export async function startShippedMosquitto(dir: string, park: LoadPark, ingestInstances: readonly string[] = COMPOSE_INGEST_INSTANCES): Promise<MosquittoServer> {
  const secrets = join(dir, 'secrets.yaml');
  writeFileSync(
    secrets,
    [
      `services: { ingest: ${INGEST_BROKER_PASSWORD}, ingestInstances: [${ingestInstances.join(', ')}], bus: ${BUS_BROKER_PASSWORD}, feed: ${FEED_BROKER_PASSWORD} }`,
      'gateways:',
      ...park.gateways.map((gateway) => `  - { park: ${park.parkId}, id: ${gateway.id}, secret: ${gateway.secret} }`),
      `  - { park: ${park.parkId}, id: ${MARKER.gateway}, secret: ${MARKER.secret} }`,
      '',
    ].join('\n'),
  );
  const out = join(dir, 'mosquitto-generated');
  await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'apps/ingest/dist/mosquitto/generate-mosquitto-files.js'), '--registry', park.registryFile, '--secrets', secrets, '--out', out]);
  return startMosquitto(join(REPO_ROOT, 'deploy/mosquitto/mosquitto.conf'), {
    passwords: readFileSync(join(out, 'passwords'), 'utf8'),
    acl: readFileSync(join(out, 'acl'), 'utf8'),
  });
}
