import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMPOSE_SERVICES, COMPOSE_TEXT, composeEnvironment, composeServicesRunning, DEPLOY_DIR as DEPLOY, type ComposeService } from '../support/compose-file.js';
import { REPO_ROOT } from '../support/platform-process.js';

/**
 * deploy/compose.yaml cannot be run here (no Docker on the machines this project is made on), so
 * what can be checked without it is checked: every service of ours gets settings its own
 * configuration check takes, every file mounted exists (or is what `npm run deploy:mosquitto`
 * writes), and the ingest instances each have their own session and journal.
 */
const SECRETS = { INGEST_BROKER_PASSWORD: 'ingest-broker-password', ZEROPARK_BUS_SECRET: 'bus-secret-of-the-compose-check', CARBON_TOKEN_SECRET: 'token-secret-of-the-compose-check-32+', CARBON_METRICS_TOKEN: 'metrics-token-of-the-compose-check', INGEST_METRICS_TOKEN: 'ingest-metrics-token-of-the-check' };
const services = Object.entries(COMPOSE_SERVICES);
const runs = composeServicesRunning;
const environmentOf = (service: ComposeService) => composeEnvironment(service, SECRETS);

type Loader = (environment: NodeJS.ProcessEnv) => unknown;
const loaderOf = async (app: 'ingest' | 'carbon'): Promise<Loader> => {
  const module = (await import(pathToFileURL(join(REPO_ROOT, `apps/${app}/dist/${app}.config.js`)).href)) as Record<string, Loader>;
  return module[app === 'ingest' ? 'loadIngestConfig' : 'loadCarbonConfig'] as Loader;
};

describe('deploy/compose.yaml', () => {
  it('should run two ingest instances and the carbon service from the image of deploy/Dockerfile', () => {
    expect(runs('ingest').map(([name]) => name)).toEqual(['ingest-1', 'ingest-2']);
    expect(runs('carbon').map(([name]) => name)).toEqual(['carbon']);
    for (const [, service] of [...runs('ingest'), ...runs('carbon')]) {
      expect(existsSync(resolve(DEPLOY, service.build?.context ?? '.', service.build?.dockerfile ?? 'missing'))).toBe(true);
      expect(existsSync(join(REPO_ROOT, service.command?.at(-1) ?? 'missing'))).toBe(true);
    }
  });

  it('should give each ingest settings its configuration check takes', async () => {
    const load = await loaderOf('ingest');
    for (const [, service] of runs('ingest')) expect(() => load(environmentOf(service))).not.toThrow();
  });

  it('should give the carbon service settings its configuration check takes', async () => {
    const load = await loaderOf('carbon');
    for (const [, service] of runs('carbon')) expect(() => load(environmentOf(service))).not.toThrow();
  });

  it('should give each ingest instance its own broker session and its own journal', () => {
    const instances = runs('ingest').map(([, service]) => service.environment?.INGEST_INSTANCE);
    const journals = runs('ingest').map(([, service]) => service.volumes?.find((volume) => volume.endsWith(`:${service.environment?.ZEROPARK_DATA_DIR}`)));
    expect(new Set(instances).size).toBe(instances.length);
    expect(journals.every((volume) => volume !== undefined)).toBe(true);
    expect(new Set(journals).size).toBe(journals.length);
  });

  it('should mount only files that exist, or the folder npm run deploy:mosquitto writes', () => {
    const generated = /deploy:mosquitto .*--out (\S+)/.exec(COMPOSE_TEXT)?.[1];
    expect(generated).toBe('deploy/mosquitto/generated');
    for (const [name, service] of services) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0] as string;
        if (!source.startsWith('.')) continue; // a named volume
        const path = resolve(DEPLOY, source);
        expect(existsSync(path) || path === join(REPO_ROOT, generated ?? ''), `${name} mounts ${source}`).toBe(true);
      }
    }
  });

  it('should mount the Mosquitto configuration the reliability and security suites run, whose files are the generated ones', () => {
    const broker = COMPOSE_SERVICES.broker;
    expect(broker?.volumes).toContain('./mosquitto/mosquitto.conf:/mosquitto/config/mosquitto.conf:ro');
    expect(broker?.volumes).toContain('./mosquitto/generated:/mosquitto/config/generated:ro');
    const conf = readFileSync(join(DEPLOY, 'mosquitto/mosquitto.conf'), 'utf8');
    for (const line of conf.split('\n').filter((text) => /^(password_file|acl_file) /.test(text))) {
      expect(dirname(line.split(' ')[1] as string)).toBe('/mosquitto/config/generated');
    }
  });
});
