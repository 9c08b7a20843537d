import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * vitest's global setup for every project: one folder for the run, under which
 * `temporaryDirectory()` of @zeropark/test-servers makes the suites' folders (the spec processes
 * inherit TEST_RUN_TMPDIR), removed whole when the run ends, however its processes ended.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'zeropark-test-run-'));
  chmodSync(dir, 0o755); // servers that drop to their own user (Mosquitto) must reach their folders inside
  process.env.TEST_RUN_TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
