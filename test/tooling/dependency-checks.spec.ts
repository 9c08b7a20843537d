import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/platform-process.js';

/**
 * A package that a project's run-time code imports must be in that project's own
 * `dependencies` (`@nx/dependency-checks` on each package.json, eslint.config.mjs); npm's
 * hoisting would otherwise hide a missing one until the project is installed alone.
 */
async function dependencyErrors(packageJson: string, text = readFileSync(join(REPO_ROOT, packageJson), 'utf8')): Promise<string[]> {
  const eslint = new ESLint({ cwd: REPO_ROOT });
  const [result] = await eslint.lintText(text, { filePath: join(REPO_ROOT, packageJson) });
  return (result?.messages ?? []).map((message) => `${message.ruleId ?? 'parse'}: ${message.message}`);
}

/** The ingest's package.json with `name` moved from `dependencies` to `devDependencies`. */
function ingestWithDevDependency(name: string): string {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'apps/ingest/package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
  const version = manifest.dependencies[name];
  if (version === undefined) throw new Error(`apps/ingest has no dependency ${name}`);
  delete manifest.dependencies[name];
  manifest.devDependencies[name] = version;
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

describe('dependency checks', () => {
  it('should fail lint when the ingest imports mqtt at run time but lists it as a devDependency', async () => {
    expect(await dependencyErrors('apps/ingest/package.json', ingestWithDevDependency('mqtt'))).toEqual([
      '@nx/dependency-checks: The "ingest" project uses the following packages, but they are missing from "dependencies":\n    - mqtt',
    ]);
  });

  it('should fail lint when a dependency is not pinned to the version installed', async () => {
    const text = readFileSync(join(REPO_ROOT, 'apps/ingest/package.json'), 'utf8').replace('"mqtt": "5.16.0"', '"mqtt": "4.3.8"');
    expect(await dependencyErrors('apps/ingest/package.json', text)).toEqual(['@nx/dependency-checks: The version specifier does not contain the installed version of "mqtt" package: 5.16.0.']);
  });

  it.each(['apps/ingest', 'apps/carbon', 'apps/dashboard', 'simulators/park', 'libs/contracts', 'libs/carbon', 'libs/access', 'libs/alerts', 'libs/registry', 'libs/service-runtime', 'libs/timeseries', 'libs/test-servers'])(
    "should find every run-time import of %s in its dependencies, its specs' and fixtures' in devDependencies allowed",
    async (project) => {
      expect(await dependencyErrors(`${project}/package.json`)).toEqual([]);
    },
  );
});
