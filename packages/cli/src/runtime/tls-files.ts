import { createSecureContext } from 'node:tls';
import { ValidationError, excerpt } from '@lifeboat/core';
import { readInputFile } from '../commands/read-input-file';

/** A serving certificate and its key, PEM. */
export interface ServingTls {
  readonly cert: Buffer;
  readonly key: Buffer;
}

/**
 * `--tls-cert` with `--tls-key`: both or neither, checked now (a wrong file or a key that does
 * not match the certificate is refused at start, exit 2, not at the first connection).
 */
export async function readServingTls(
  certFile: string | undefined,
  keyFile: string | undefined,
): Promise<ServingTls | undefined> {
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (certFile === undefined || keyFile === undefined)
    throw ValidationError.at(
      certFile === undefined ? '--tls-cert' : '--tls-key',
      'serving TLS needs both --tls-cert and --tls-key',
    );
  const [cert, key] = await Promise.all([
    readInputFile(certFile, '--tls-cert'),
    readInputFile(keyFile, '--tls-key'),
  ]);
  const tls = { cert: Buffer.from(cert), key: Buffer.from(key) };
  check(() => createSecureContext(tls), '--tls-cert', `${certFile} with ${keyFile}`);
  return tls;
}

/** A PEM CA bundle named by `flag`, checked now. */
export async function readCaFile(file: string, flag: string): Promise<Buffer> {
  const ca = Buffer.from(await readInputFile(file, flag));
  check(() => createSecureContext({ ca }), flag, file);
  return ca;
}

function check(build: () => unknown, flag: string, what: string): void {
  try {
    build();
  } catch (error) {
    throw ValidationError.at(
      flag,
      `${what}: not usable PEM (${excerpt(error instanceof Error ? error.message : String(error))})`,
    );
  }
}
