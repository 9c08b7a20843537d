import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { missingNodeFlags, nodeFlagsOf, warnOfMissingNodeFlags } from './node-flags.js';

function packageWith(content: string | undefined): URL {
  const directory = mkdtempSync(join(tmpdir(), 'node-flags-'));
  if (content !== undefined) writeFileSync(join(directory, 'node-flags.json'), content);
  return pathToFileURL(`${directory}/`);
}

describe(nodeFlagsOf.name, () => {
  it('should read the flags of a package', () => {
    expect(nodeFlagsOf(packageWith('["--max-semi-space-size=64"]'))).toEqual(['--max-semi-space-size=64']);
  });

  it('should find none for a package without the file', () => {
    expect(nodeFlagsOf(packageWith(undefined))).toEqual([]);
  });

  it('should say what is wrong with a file that is not a list of flags', () => {
    expect(() => nodeFlagsOf(packageWith('{"max-semi-space-size": 64}'))).toThrow(/node-flags\.json: a list of Node flags is expected/);
  });
});

describe(missingNodeFlags.name, () => {
  it('should find the flags given on the command line or in NODE_OPTIONS', () => {
    expect(missingNodeFlags(['--a=1', '--b'], { execArgv: ['--a=1'], nodeOptions: '--inspect --b' })).toEqual([]);
  });

  it('should name the flags the process was started without', () => {
    expect(missingNodeFlags(['--a=1', '--b'], { execArgv: ['--a=2'], nodeOptions: undefined })).toEqual(['--a=1', '--b']);
  });
});

describe(warnOfMissingNodeFlags.name, () => {
  it('should warn of the flags this process was started without, and only then', () => {
    const warnings: Record<string, unknown>[] = [];
    warnOfMissingNodeFlags(packageWith('["--a-flag-no-test-passes=1"]'), (fields) => warnings.push(fields));
    warnOfMissingNodeFlags(packageWith('[]'), (fields) => warnings.push(fields));
    expect(warnings).toEqual([{ missing: ['--a-flag-no-test-passes=1'] }]);
  });
});
