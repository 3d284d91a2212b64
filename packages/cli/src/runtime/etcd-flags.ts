import type { Command } from 'commander';
import { ValidationError } from '@lifeboat/core';
import type { EtcdTlsOptions } from '@lifeboat/etcd';
import { readInputFile } from '../commands/read-input-file';
import { parseDurationFlag, parseEtcdFlag } from './flag-parsers';

/** The environment variable that may hold the etcd password (instead of `--etcd-password-file`). */
export const ETCD_PASSWORD_ENV = 'LIFEBOAT_ETCD_PASSWORD';

/** The etcd flags every process command takes. */
export interface EtcdFlags {
  /** Required on every command but the controller, whose `--config` may name the endpoints. */
  readonly etcd?: string;
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

/** Where each connection setting came from, for error messages: its flag unless said otherwise. */
export type EtcdSettingPaths = Partial<Record<keyof EtcdFlags, string>>;

const FLAG_NAMES: Required<EtcdSettingPaths> = {
  etcd: '--etcd',
  etcdTimeout: '--etcd-timeout',
  etcdCa: '--etcd-ca',
  etcdCert: '--etcd-cert',
  etcdKey: '--etcd-key',
  etcdUser: '--etcd-user',
  etcdPasswordFile: '--etcd-password-file',
};

/**
 * Adds `--etcd` and the connection flags (timeout, TLS files, user and password file). With
 * `required: false` (the controller) `--etcd` may come from elsewhere; `etcdConnectionOf`
 * refuses a connection without endpoints.
 */
export function withEtcdOptions(command: Command, { required = true } = {}): Command {
  const endpoints = [
    '--etcd <urls>',
    'etcd client URL(s), comma-separated (e.g. http://127.0.0.1:2379; https:// for TLS)',
  ] as const;
  return (required ? command.requiredOption(...endpoints) : command.option(...endpoints))
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

/**
 * Reads and checks the connection settings; every problem is a `ValidationError` naming its
 * flag, or the path `paths` gives it (a config file's field).
 */
export async function etcdConnectionOf(
  flags: EtcdFlags,
  env: NodeJS.ProcessEnv = process.env,
  paths: EtcdSettingPaths = {},
): Promise<EtcdConnection> {
  const at = { ...FLAG_NAMES, ...paths };
  if (flags.etcd === undefined)
    throw ValidationError.at(
      at.etcd,
      'no etcd endpoints: give --etcd URLS (or etcd.endpoints in --config)',
    );
  const endpoints = parseEtcdFlag(flags.etcd, at.etcd);
  const timeoutMs = parseDurationFlag(flags.etcdTimeout, at.etcdTimeout, { max: '10m' });
  if ((flags.etcdCert === undefined) !== (flags.etcdKey === undefined))
    throw ValidationError.at(
      flags.etcdCert === undefined ? at.etcdCert : at.etcdKey,
      `a client certificate needs both ${at.etcdCert} and ${at.etcdKey}`,
    );
  const pem = async (file: string | undefined, flag: string) =>
    file === undefined ? undefined : Buffer.from(await readInputFile(file, flag));
  const [ca, cert, key] = await Promise.all([
    pem(flags.etcdCa, at.etcdCa),
    pem(flags.etcdCert, at.etcdCert),
    pem(flags.etcdKey, at.etcdKey),
  ]);
  const tls =
    ca || cert ? { ...(ca ? { ca } : {}), ...(cert && key ? { cert, key } : {}) } : undefined;
  let password: string | undefined;
  if (flags.etcdPasswordFile !== undefined)
    password = (await readInputFile(flags.etcdPasswordFile, at.etcdPasswordFile)).replace(
      /\r?\n$/,
      '',
    );
  else if (env[ETCD_PASSWORD_ENV] !== undefined) password = env[ETCD_PASSWORD_ENV];
  if (password !== undefined && flags.etcdUser === undefined)
    throw ValidationError.at(at.etcdUser, `a password was given but no ${at.etcdUser}`);
  if (flags.etcdUser !== undefined && password === undefined)
    throw ValidationError.at(
      at.etcdPasswordFile,
      `${at.etcdUser} needs a password: ${at.etcdPasswordFile} FILE or ${ETCD_PASSWORD_ENV}`,
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
