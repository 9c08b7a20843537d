import { temporaryDirectory } from '@zeropark/test-servers';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A certificate authority made for a spec, and certificates it signed, as files and PEM text. */
export interface TestAuthority {
  dir: string;
  caFile: string;
  ca: Buffer;
  /** A server certificate for 127.0.0.1: its certificate and key files. */
  server: { certFile: string; keyFile: string };
  /** A client certificate whose common name is `name`, signed by this authority. */
  client(name: string): { cert: Buffer; key: Buffer };
}

const openssl = (dir: string, args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** Makes a CA and a server certificate for 127.0.0.1 with Debian's openssl, valid for two days. */
export function makeTestAuthority(name: string): TestAuthority {
  const dir = temporaryDirectory(`tls-${name}`);
  openssl(dir, ['req', '-x509', ...EC_KEY, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', `/CN=${name} spec authority`]);
  const sign = (file: string, commonName: string, extensions: string) => {
    writeFileSync(join(dir, `${file}.ext`), extensions);
    openssl(dir, ['req', '-new', ...EC_KEY, '-keyout', `${file}.key`, '-out', `${file}.csr`, '-subj', `/CN=${commonName}`]);
    openssl(dir, ['x509', '-req', '-in', `${file}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${file}.crt`, '-days', '2', '-extfile', `${file}.ext`]);
    return { certFile: join(dir, `${file}.crt`), keyFile: join(dir, `${file}.key`) };
  };
  const server = sign('server', '127.0.0.1', 'subjectAltName = IP:127.0.0.1\nextendedKeyUsage = serverAuth\n');
  return {
    dir,
    caFile: join(dir, 'ca.crt'),
    ca: readFileSync(join(dir, 'ca.crt')),
    server,
    client(commonName) {
      const files = sign(`client-${commonName}`, commonName, 'extendedKeyUsage = clientAuth\n');
      return { cert: readFileSync(files.certFile), key: readFileSync(files.keyFile) };
    },
  };
}
