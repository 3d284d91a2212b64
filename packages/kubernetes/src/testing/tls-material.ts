import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A PEM certificate and its private key. @public */
export interface CertificateAndKey {
  readonly certificate: string;
  readonly key: string;
}

/**
 * A throwaway certificate authority for the API double: it signs the serving certificate
 * (valid for 127.0.0.1 and localhost) and client certificates whose CN is the user name and
 * whose O entries are the groups, as kube-apiserver's x509 authenticator reads them.
 * Node can make keys but not certificates, so this drives the machine's `openssl` (3.x).
 * @public
 */
export class TestCertificateAuthority {
  private constructor(
    private readonly dir: string,
    /** The CA certificate clients trust (PEM). */
    readonly certificate: string,
  ) {}

  static create(): TestCertificateAuthority {
    const dir = mkdtempSync(join(tmpdir(), 'lifeboat-ca-'));
    try {
      openssl(dir, [
        'req',
        '-x509',
        ...NEW_KEY,
        '-keyout',
        'ca.key',
        '-out',
        'ca.crt',
        '-days',
        '2',
        '-subj',
        '/CN=lifeboat-api-double-ca',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
      ]);
      return new TestCertificateAuthority(dir, readFileSync(join(dir, 'ca.crt'), 'utf8'));
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** A serving certificate for the loopback addresses. */
  issueServing(): CertificateAndKey {
    return this.issue('/CN=lifeboat-api-double', [
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      'extendedKeyUsage=serverAuth',
      'keyUsage=critical,digitalSignature',
    ]);
  }

  /** A client certificate for `user` in `groups`. */
  issueClient(user: string, groups: readonly string[] = []): CertificateAndKey {
    const subject = [`/CN=${escapeSubject(user)}`, ...groups.map((g) => `/O=${escapeSubject(g)}`)];
    return this.issue(subject.join(''), [
      'extendedKeyUsage=clientAuth',
      'keyUsage=critical,digitalSignature',
    ]);
  }

  /** Removes the CA's key from disk; issuing afterwards fails. */
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private issue(subject: string, extensions: readonly string[]): CertificateAndKey {
    const name = `leaf-${Math.random().toString(36).slice(2)}`;
    writeFileSync(join(this.dir, `${name}.ext`), extensions.join('\n') + '\n');
    openssl(this.dir, [
      'req',
      ...NEW_KEY,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      subject,
    ]);
    openssl(this.dir, [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-set_serial',
      String(Math.floor(Math.random() * 2 ** 48)),
      '-days',
      '2',
      '-extfile',
      `${name}.ext`,
      '-out',
      `${name}.crt`,
    ]);
    return {
      certificate: readFileSync(join(this.dir, `${name}.crt`), 'utf8'),
      key: readFileSync(join(this.dir, `${name}.key`), 'utf8'),
    };
  }
}

/** A fresh P-256 key without a passphrase (fast to make; Go, Node and kubectl all accept it). */
const NEW_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function openssl(cwd: string, args: readonly string[]): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim();
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(
      missing
        ? 'the Kubernetes API double needs the openssl command (apt-get install openssl) to make its certificates'
        : `openssl ${args[0]} failed: ${stderr || String(error)}`,
      { cause: error },
    );
  }
}

function escapeSubject(value: string): string {
  return value.replace(/[/\\=+,]/g, (c) => `\\${c}`);
}
