/**
 * etcd did not answer at the given endpoints in time. The message names the endpoints and the
 * underlying reason, so a command line can print it as is.
 * @public
 */
export class EtcdUnavailableError extends Error {
  override readonly name = 'EtcdUnavailableError';

  constructor(
    readonly endpoints: readonly string[],
    options?: { cause?: unknown },
  ) {
    const reason = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(
      `cannot reach etcd at ${endpoints.join(', ')}${reason}; check that etcd is running and the URL is right`,
      options,
    );
  }
}
