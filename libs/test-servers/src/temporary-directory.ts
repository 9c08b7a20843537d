import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made = new Set<string>();
let removeOnExit = false;

/**
 * A fresh folder under the system's temporary folder, removed with everything in it when the
 * process exits (vitest runs each spec file in a process of its own): suites that start servers
 * and services leave nothing behind, while a server stopped and started again within a suite
 * still finds its data.
 */
export function temporaryDirectory(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `zeropark-${prefix}-`));
  made.add(dir);
  if (!removeOnExit) {
    removeOnExit = true;
    process.once('exit', () => {
      for (const each of made) rmSync(each, { recursive: true, force: true });
    });
  }
  return dir;
}
