import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { requireCommand } from './require-command.js';
import { startServerProcess, type ServerProcess } from './server-process.js';
import { temporaryDirectory } from './temporary-directory.js';

export interface MosquittoServer {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** SIGKILL, as a crash: nothing is saved on the way out. */
  kill(): Promise<void>;
  /** Starts it again on the same port, configuration and persistence folder. */
  restart(): Promise<void>;
  output(): string;
}

/**
 * Debian's Mosquitto running a shipped configuration file, with only its listener port, its
 * password and ACL files and its persistence folder moved to a folder of the test's own.
 */
export async function startMosquitto(configFile: string, files: { passwords: string; acl: string }): Promise<MosquittoServer> {
  const mosquitto = requireCommand('mosquitto', 'mosquitto');
  const dir = temporaryDirectory('mosquitto');
  // Started as root, Mosquitto drops to its own user: let it read its files and write its data
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'data'), { mode: 0o777 });
  chmodSync(join(dir, 'data'), 0o777);
  const port = await freePort();
  const passwords = join(dir, 'passwords');
  const acl = join(dir, 'acl');
  writeFileSync(passwords, files.passwords, { mode: 0o644 });
  writeFileSync(acl, files.acl);
  const config = readFileSync(configFile, 'utf8')
    .replace(/^listener \d+.*$/m, `listener ${port} 127.0.0.1`)
    .replace(/^password_file .*$/m, `password_file ${passwords}`)
    .replace(/^acl_file .*$/m, `acl_file ${acl}`)
    .replace(/^persistence_location .*$/m, `persistence_location ${join(dir, 'data')}/`);
  const configPath = join(dir, 'mosquitto.conf');
  writeFileSync(configPath, config);
  const start = () =>
    startServerProcess('mosquitto', mosquitto, ['-c', configPath], async () => {
      return new Promise((resolve) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.end();
          resolve(true);
        });
        socket.on('error', () => resolve(false));
      });
    });
  let server: ServerProcess = await start();
  let earlierOutput = '';
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    output: () => earlierOutput + server.output(),
    stop: () => server.stop(),
    async kill() {
      if (server.process.exitCode !== null || server.process.signalCode !== null) return;
      const exited = once(server.process, 'exit');
      server.process.kill('SIGKILL');
      await exited;
    },
    async restart() {
      earlierOutput += server.output();
      server = await start();
    },
  };
}
