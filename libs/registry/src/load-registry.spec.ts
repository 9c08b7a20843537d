import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegistries, loadRegistryFile } from './load-registry.js';

const example = join(import.meta.dirname, '../../../config/example-park.yaml');

describe(loadRegistryFile.name, () => {
  it('should name a file it cannot read', async () => {
    await expect(loadRegistryFile('/nonexistent/park.yaml')).rejects.toThrow(
      /^the park registry has 1 problem:\n {2}\/nonexistent\/park\.yaml: cannot read the file: ENOENT/,
    );
  });
});

describe(loadRegistries.name, () => {
  it('should refuse two files that define the same park', async () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'registry-')), 'copy.yaml');
    writeFileSync(copy, (await import('node:fs')).readFileSync(example));
    await expect(loadRegistries([example, copy])).rejects.toThrow(`${copy}: park.id: park "demo-park" is already defined by another registry file`);
  });
});
