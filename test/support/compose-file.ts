import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './platform-process.js';

/** What the suites read of a service of deploy/compose.yaml. */
export interface ComposeService {
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
}

export const DEPLOY_DIR = join(REPO_ROOT, 'deploy');
export const COMPOSE_TEXT = readFileSync(join(DEPLOY_DIR, 'compose.yaml'), 'utf8');

/** deploy/compose.yaml's services, with its `<<` merges applied as Compose applies them. */
export const COMPOSE_SERVICES = (parse(COMPOSE_TEXT, { merge: true }) as { services: Record<string, ComposeService> }).services;

/** The services of deploy/compose.yaml that run an app of ours, by name. */
export function composeServicesRunning(app: 'ingest' | 'carbon'): [string, ComposeService][] {
  return Object.entries(COMPOSE_SERVICES).filter(([, service]) => service.command?.includes(`apps/${app}/dist/main.js`));
}

/** A service's environment as Compose hands it over, each `${NAME:?why}` given the value in `secrets`. */
export function composeEnvironment(service: ComposeService, secrets: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([name, value]) => [
      name,
      value.replace(/\$\{(\w+):\?[^}]*\}/g, (_, variable: string) => {
        const secret = secrets[variable];
        if (secret === undefined) throw new Error(`${name} asks for ${variable}, which the suite gave no value`);
        return secret;
      }),
    ]),
  );
}
