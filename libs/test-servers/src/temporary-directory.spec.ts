import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporaryDirectory } from './temporary-directory.js';

describe(temporaryDirectory.name, () => {
  it('should give a fresh folder that is gone, with its content, once the process exits', () => {
    const script = `
      import { writeFileSync } from 'node:fs';
      import { join } from 'node:path';
      import { temporaryDirectory } from ${JSON.stringify(join(import.meta.dirname, 'temporary-directory.ts'))};
      const dir = temporaryDirectory('probe');
      writeFileSync(join(dir, 'data.txt'), 'x');
      console.log(dir);`;
    const dir = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' }).trim();
    expect(dir).toContain('zeropark-probe-');
    expect(existsSync(dir)).toBe(false);
  });

  it('should keep the folder while the process runs', () => {
    const dir = temporaryDirectory('probe');
    expect(existsSync(dir)).toBe(true);
  });
});
