import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/platform-process.js';

/**
 * The architecture is enforced, not declared: a pure lib that imports an I/O package or a
 * data-access lib, or an app of one scope that imports a lib of another, fails lint.
 */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: REPO_ROOT });
  const [result] = await eslint.lintText(code, { filePath: join(REPO_ROOT, file) });
  const rules = ['@nx/enforce-module-boundaries', 'no-restricted-imports'];
  return (result?.messages ?? []).filter((message) => rules.includes(message.ruleId ?? '')).map((message) => message.message);
}

describe('module boundaries', () => {
  it.each([
    ['mqtt', "import mqtt from 'mqtt';\nexport const probe = mqtt;\n"],
    ['better-sqlite3', "import Database from 'better-sqlite3';\nexport const probe = Database;\n"],
    ['@nestjs/common', "import { Injectable } from '@nestjs/common';\nexport const probe = Injectable;\n"],
  ])('should forbid a pure lib (libs/carbon) to import %s', async (name, code) => {
    expect(await boundaryErrors('libs/carbon/src/boundary-probe.ts', code)).toEqual([`A project tagged with "type:domain" is not allowed to import "${name}"`]);
  });

  it.each(['node:fs', 'fs/promises', 'node:net', 'node:child_process'])('should forbid a pure lib (libs/contracts) to import Node\'s %s', async (name) => {
    expect(await boundaryErrors('libs/contracts/src/boundary-probe.ts', `import * as io from '${name}';\nexport const probe = io;\n`)).toEqual([
      `'${name}' import is restricted from being used. pure libs do no I/O (docs/architecture.md, "Module boundaries"); do it in an app or a data-access lib`,
    ]);
  });

  it('should forbid a pure lib to import a data-access lib', async () => {
    const errors = await boundaryErrors('libs/alerts/src/boundary-probe.ts', "import { SqliteStore } from '@zeropark/timeseries';\nexport const probe = SqliteStore;\n");
    expect(errors).toContain('A project tagged with "type:domain" can only depend on libs tagged with "type:domain"');
  });

  it('should forbid the ingest to import a carbon-scoped lib', async () => {
    const errors = await boundaryErrors('apps/ingest/src/boundary-probe.ts', "import { transition } from '@zeropark/alerts';\nexport const probe = transition;\n");
    expect(errors).toContain('A project tagged with "scope:ingest" can only depend on libs tagged with "scope:ingest", "scope:shared"');
  });

  it('should let an app import the libs its tags allow', async () => {
    expect(await boundaryErrors('apps/carbon/src/boundary-probe.ts', "import { ParkLedger } from '@zeropark/carbon';\nexport const probe = ParkLedger;\n")).toEqual([]);
  });
});
