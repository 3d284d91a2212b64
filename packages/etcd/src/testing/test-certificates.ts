import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A certificate and its private key, as PEM files. @public */
export interface CertificateFiles {
  readonly cert: string;
  readonly key: string;
}

/** What {@link createTestCertificates} made: one CA, a server certificate, client certificates. @public */
export interface TestCertificates {
  /** The directory holding every file; `dispose()` removes it. */
  readonly dir: string;
  /** The CA certificate that signed all the others. */
  readonly ca: string;
  /** For `127.0.0.1` and `localhost`; also usable as a client certificate. */
  readonly server: CertificateFiles;
  /** One per requested common name (etcd takes the CN as the user name when auth is on). */
  readonly clients: Readonly<Record<string, CertificateFiles>>;
  dispose(): void;
}

/**
 * Makes a throwaway CA and certificates signed by it with `openssl` (P-256 keys, valid one
 * day), for tests that run etcd with TLS and client-certificate authentication on loopback.
 * @public
 */
export function createTestCertificates(clientNames: readonly string[] = []): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'lifeboat-certs-'));
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    'req',
    '-x509',
    ...newKey,
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.crt'),
    '-days',
    '1',
    '-subj',
    '/CN=lifeboat-test-ca',
  );
  const sign = (name: string, commonName: string, extensions: string): CertificateFiles => {
    writeFileSync(file(`${name}.ext`), extensions);
    openssl(
      'req',
      ...newKey,
      '-keyout',
      file(`${name}.key`),
      '-out',
      file(`${name}.csr`),
      '-subj',
      `/CN=${commonName}`,
    );
    openssl(
      'x509',
      '-req',
      '-in',
      file(`${name}.csr`),
      '-CA',
      file('ca.crt'),
      '-CAkey',
      file('ca.key'),
      '-CAcreateserial',
      '-days',
      '1',
      '-out',
      file(`${name}.crt`),
      '-extfile',
      file(`${name}.ext`),
    );
    return { cert: file(`${name}.crt`), key: file(`${name}.key`) };
  };
  const server = sign(
    'server',
    '127.0.0.1',
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n',
  );
  const clients: Record<string, CertificateFiles> = {};
  for (const [i, name] of clientNames.entries())
    clients[name] = sign(`client-${i}`, name, 'extendedKeyUsage=clientAuth\n');
  return {
    dir,
    ca: file('ca.crt'),
    server,
    clients,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
