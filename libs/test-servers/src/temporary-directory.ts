import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made = new Set<string>();
let removeOnExit = false;

/**
 * A fresh folder, removed with everything in it when the process exits, so suites that start
 * servers and services leave nothing behind, while a server stopped and started again within a
 * suite still finds its data. Under vitest it is made inside the run's own folder
 * (TEST_RUN_TMPDIR, from `vitest.temporary-folder.ts`), which goes when the run ends even if a
 * spec's process was killed; elsewhere (benchmarks) under the system's temporary folder.
 */
export function temporaryDirectory(prefix: string): string {
  const dir = mkdtempSync(join(process.env.TEST_RUN_TMPDIR ?? tmpdir(), `zeropark-${prefix}-`));
  made.add(dir);
  if (!removeOnExit) {
    removeOnExit = true;
    process.once('exit', () => {
      for (const each of made) rmSync(each, { recursive: true, force: true });
    });
  }
  return dir;
}
