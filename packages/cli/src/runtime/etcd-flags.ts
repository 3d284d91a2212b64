import type { Command } from 'commander';
import { ValidationError } from '@lifeboat/core';
import type { EtcdTlsOptions } from '@lifeboat/etcd';
import { readInputFile } from '../commands/read-input-file';
import { parseDurationFlag, parseEtcdFlag } from './flag-parsers';

/** The environment variable that may hold the etcd password (instead of `--etcd-password-file`). */
export const ETCD_PASSWORD_ENV = 'LIFEBOAT_ETCD_PASSWORD';

/** The etcd flags every process command takes. */
export interface EtcdFlags {
  readonly etcd: string;
  readonly etcdTimeout: string;
  readonly etcdCa?: string;
  readonly etcdCert?: string;
  readonly etcdKey?: string;
  readonly etcdUser?: string;
  readonly etcdPasswordFile?: string;
}

/** Where and how to reach etcd, checked. */
export interface EtcdConnection {
  readonly endpoints: string;
  readonly timeoutMs: number;
  readonly tls?: EtcdTlsOptions;
  readonly auth?: { readonly username: string; readonly password: string };
}

/**
 * Adds `--etcd` and the connection flags (timeout, TLS files, user and password file); `--etcd`
 * is required unless `required: false` (a command that can keep its state elsewhere checks it).
 */
export function withEtcdOptions(
  command: Command,
  { required = true }: { readonly required?: boolean } = {},
): Command {
  const etcd = 'etcd client URL(s), comma-separated (e.g. http://127.0.0.1:2379; https:// for TLS)';
  return (
    required ? command.requiredOption('--etcd <urls>', etcd) : command.option('--etcd <urls>', etcd)
  )
    .option('--etcd-timeout <duration>', 'how long to wait for etcd at start', '5s')
    .option('--etcd-ca <file>', "PEM file of the CA that signed etcd's server certificate")
    .option('--etcd-cert <file>', 'PEM client certificate, for an etcd with --client-cert-auth')
    .option('--etcd-key <file>', 'PEM private key of --etcd-cert')
    .option('--etcd-user <name>', 'etcd user name (for an etcd with auth enabled)')
    .option(
      '--etcd-password-file <file>',
      `file holding the etcd password (or set ${ETCD_PASSWORD_ENV}); never echoed`,
    );
}

/** Reads and checks the connection flags; every problem is a `ValidationError` naming its flag. */
export async function etcdConnectionOf(
  flags: EtcdFlags,
  env: NodeJS.ProcessEnv = process.env,
): Promise<EtcdConnection> {
  const endpoints = parseEtcdFlag(flags.etcd);
  const timeoutMs = parseDurationFlag(flags.etcdTimeout, '--etcd-timeout', { max: '10m' });
  if ((flags.etcdCert === undefined) !== (flags.etcdKey === undefined))
    throw ValidationError.at(
      flags.etcdCert === undefined ? '--etcd-cert' : '--etcd-key',
      'a client certificate needs both --etcd-cert and --etcd-key',
    );
  const pem = async (file: string | undefined, flag: string) =>
    file === undefined ? undefined : Buffer.from(await readInputFile(file, flag));
  const [ca, cert, key] = await Promise.all([
    pem(flags.etcdCa, '--etcd-ca'),
    pem(flags.etcdCert, '--etcd-cert'),
    pem(flags.etcdKey, '--etcd-key'),
  ]);
  const tls =
    ca || cert ? { ...(ca ? { ca } : {}), ...(cert && key ? { cert, key } : {}) } : undefined;
  let password: string | undefined;
  if (flags.etcdPasswordFile !== undefined)
    password = (await readInputFile(flags.etcdPasswordFile, '--etcd-password-file')).replace(
      /\r?\n$/,
      '',
    );
  else if (env[ETCD_PASSWORD_ENV] !== undefined) password = env[ETCD_PASSWORD_ENV];
  if (password !== undefined && flags.etcdUser === undefined)
    throw ValidationError.at('--etcd-user', 'a password was given but no --etcd-user');
  if (flags.etcdUser !== undefined && password === undefined)
    throw ValidationError.at(
      '--etcd-password-file',
      `--etcd-user needs a password: --etcd-password-file FILE or ${ETCD_PASSWORD_ENV}`,
    );
  return {
    endpoints,
    timeoutMs,
    ...(tls ? { tls } : {}),
    ...(flags.etcdUser !== undefined && password !== undefined
      ? { auth: { username: flags.etcdUser, password } }
      : {}),
  };
}
