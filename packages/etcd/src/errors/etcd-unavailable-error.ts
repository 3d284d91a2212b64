import { excerpt } from './corrupt-object-error';

/**
 * etcd did not answer at the given endpoints in time, or refused the connection (TLS or
 * credentials). The message names the endpoints (without any user name or password in them)
 * and the underlying reason, so a command line can print it as is.
 * @public
 */
export class EtcdUnavailableError extends Error {
  override readonly name = 'EtcdUnavailableError';

  constructor(
    readonly endpoints: readonly string[],
    options?: { cause?: unknown },
  ) {
    const reason = options?.cause instanceof Error ? `: ${excerpt(options.cause.message)}` : '';
    super(
      `cannot reach etcd at ${endpoints.map(withoutUserInfo).join(', ')}${reason}; check that etcd is running and the URL is right`,
      options,
    );
  }
}

/** `https://user:secret@host:2379` as `https://***@host:2379`. */
export function withoutUserInfo(endpoint: string): string {
  return endpoint.replace(/^([a-z]+:\/\/)[^/@]*@/i, '$1***@');
}
