// Part of `npm test`: the tests run real servers and tools (never a silent skip), found on PATH.
// On a Debian or Ubuntu machine run as root, what is missing is installed from the distribution's
// packages, and this says so; elsewhere it stops with the exact line to run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** What the test suites need, by the command they call (or a check of their own) and the Debian package that brings it. */
const NEEDED = [
  { command: 'mosquitto_pub', debianPackage: 'mosquitto-clients', usedBy: 'test/e2e (publishes as a real gateway)' },
  { command: 'influxd', debianPackage: 'influxdb', usedBy: 'libs/timeseries and the ingest (the InfluxDB store)' },
  { command: 'mosquitto', debianPackage: 'mosquitto', usedBy: 'test/reliability and test/security (the external broker)' },
  { command: 'chromium', debianPackage: 'chromium', usedBy: 'test/browser (the dashboard in a real browser)' },
  { command: 'openssl', debianPackage: 'openssl', usedBy: 'the ingest (certificates for its MQTT over TLS specs)' },
  // without a Chinese font Chromium draws the zh-CN pages and their PDF as empty boxes
  { command: 'a Chinese font', check: 'fc-list :lang=zh-cn | grep -q .', debianPackage: 'fonts-wqy-microhei', usedBy: 'test/browser (the dashboard and its printed report in Chinese)' },
];

// /usr/sbin is searched too: Debian puts some servers there, off a normal user's PATH
const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command} || test -x /usr/sbin/${command}`]).status === 0;
const present = ({ command, check }) => (check === undefined ? onPath(command) : spawnSync('sh', ['-c', check]).status === 0);
const missing = NEEDED.filter((needed) => !present(needed));
if (missing.length === 0) {
  console.log(`system packages: ${NEEDED.map(({ command }) => command).join(', ')} found`);
  process.exit(0);
}

const packages = [...new Set(missing.map(({ debianPackage }) => debianPackage))];
const isDebian = existsSync('/etc/debian_version') && onPath('apt-get');
const isRoot = process.getuid?.() === 0;
for (const { command, debianPackage, usedBy } of missing) console.log(`system packages: ${command} is missing (package ${debianPackage}, for ${usedBy})`);

if (!isDebian || !isRoot) {
  const line = isDebian ? `sudo apt-get install -y ${packages.join(' ')}` : `install ${packages.join(', ')} with your system's package manager (Debian/Ubuntu: apt-get install -y ${packages.join(' ')})`;
  console.error(`system packages: cannot install them here; run:\n  ${line}\nthen npm test again.`);
  process.exit(1);
}

console.log(`system packages: installing ${packages.join(' ')} with apt-get`);
const apt = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
if (!apt(['install', '-y', '-q', ...packages])) {
  console.log('system packages: refreshing the package lists first (apt-get update)');
  if (!apt(['update', '-q']) || !apt(['install', '-y', '-q', ...packages])) {
    console.error(`system packages: apt-get could not install ${packages.join(' ')}`);
    process.exit(1);
  }
}
const stillMissing = missing.filter((needed) => !present(needed));
if (stillMissing.length > 0) {
  console.error(`system packages: still not on PATH after install: ${stillMissing.map(({ command }) => command).join(', ')}`);
  process.exit(1);
}
console.log(`system packages: installed ${packages.join(' ')}`);
