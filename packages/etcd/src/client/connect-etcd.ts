import { RealClock, type Clock } from '@lifeboat/core';
import { Etcd3, EtcdAuthenticationFailedError, EtcdPermissionDeniedError } from 'etcd3';
import { EtcdUnavailableError } from '../errors/etcd-unavailable-error';
import { DEFAULT_KEY_PREFIX } from '../store/key-layout';

/** PEM contents for TLS to etcd. @public */
export interface EtcdTlsOptions {
  /** CA certificate(s) that signed etcd's server certificate (default: the system's roots). */
  readonly ca?: Buffer;
  /** Client certificate, for an etcd with `--client-cert-auth`; needs `key`. */
  readonly cert?: Buffer;
  readonly key?: Buffer;
}

/** Options of {@link connectEtcd}. @public */
export interface ConnectEtcdOptions {
  /** How long to wait for etcd's first answer (default 5 s). */
  readonly timeoutMs?: number;
  readonly clock?: Clock;
  /** TLS material; `https://` endpoints use TLS even without it (system roots, no client certificate). */
  readonly tls?: EtcdTlsOptions;
  /**
   * The key the first request reads (default `/lifeboat/`), so that a missing or refused
   * identity fails here and not on a later read. The user needs read permission on it.
   */
  readonly probeKey?: string;
  /** etcd user and password (for an etcd with `auth enable`). */
  readonly auth?: { readonly username: string; readonly password: string };
}

/**
 * A client for `endpoints` (`http://127.0.0.1:2379`, comma-separated or a list) that has
 * answered once, so a command fails at start with {@link EtcdUnavailableError} instead of on
 * its first write: etcd down, TLS refused (wrong CA, no or bad client certificate) or the user
 * name or password refused. The caller closes it (`client.close()`).
 * @public
 */
export async function connectEtcd(
  endpoints: string | readonly string[],
  options: ConnectEtcdOptions = {},
): Promise<Etcd3> {
  const hosts = (typeof endpoints === 'string' ? endpoints.split(',') : [...endpoints])
    .map((h) => h.trim())
    .filter((h) => h !== '');
  if (hosts.length === 0)
    throw new EtcdUnavailableError(hosts, { cause: new Error('no endpoint given') });
  if (options.tls && (options.tls.cert === undefined) !== (options.tls.key === undefined))
    throw new RangeError('a client certificate needs its key, and a key its certificate');
  const clock = options.clock ?? new RealClock();
  const timeoutMs = options.timeoutMs ?? 5_000;
  const tls = options.tls;
  const client = new Etcd3({
    hosts,
    dialTimeout: timeoutMs,
    ...(tls && (tls.ca || tls.cert)
      ? {
          credentials: {
            // An empty root list makes grpc use the system's roots.
            rootCertificate: tls.ca ?? Buffer.alloc(0),
            ...(tls.key ? { privateKey: tls.key } : {}),
            ...(tls.cert ? { certChain: tls.cert } : {}),
          },
        }
      : {}),
    ...(options.auth
      ? { auth: { username: options.auth.username, password: options.auth.password } }
      : {}),
  });
  let timer: ReturnType<Clock['setTimeout']> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = clock.setTimeout(
      () => reject(new Error(`no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([
      client.kv.range(
        { key: Buffer.from(options.probeKey ?? DEFAULT_KEY_PREFIX), keys_only: true, limit: 1 },
        { deadline: new Date(clock.now() + timeoutMs) },
      ),
      timeout,
    ]);
    return client;
  } catch (error) {
    client.close();
    throw new EtcdUnavailableError(hosts, { cause: explain(error) });
  } finally {
    if (timer) clock.clearTimeout(timer);
  }
}

/** etcd's and grpc's errors, as one line an operator can act on. */
function explain(error: unknown): Error {
  if (error instanceof EtcdAuthenticationFailedError)
    return new Error('etcd refused the user name or password');
  if (error instanceof EtcdPermissionDeniedError)
    return new Error('etcd refused this user: permission denied');
  if (error instanceof Error && /user name is empty/.test(error.message))
    return new Error('etcd requires a user name and password (auth is enabled)');
  return error instanceof Error ? error : new Error(String(error));
}
