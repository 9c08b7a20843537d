import { spawnSync } from 'node:child_process';

/**
 * A server or tool a test needs must be there: a missing one fails the test with the line that
 * installs it, never a skip (`npm test` installs them on Debian: scripts/ensure-system-packages.mjs).
 */
export function requireCommand(command: string, debianPackage: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${command} || ls /usr/sbin/${command} 2>/dev/null`], { encoding: 'utf8' });
  const path = found.stdout.trim().split('\n')[0] ?? '';
  if (path === '') throw new Error(`${command} is not installed: \`apt-get install -y ${debianPackage}\` (or your system's ${debianPackage} package)`);
  return path;
}
