import { RealClock, type Clock } from '@lifeboat/core';
import { Etcd3 } from 'etcd3';
import { EtcdUnavailableError } from '../errors/etcd-unavailable-error';

/** Options of {@link connectEtcd}. @public */
export interface ConnectEtcdOptions {
  /** How long to wait for etcd's first answer (default 5 s). */
  readonly timeoutMs?: number;
  readonly clock?: Clock;
}

/**
 * A client for `endpoints` (`http://127.0.0.1:2379`, comma-separated or a list) that has
 * answered once, so a command fails at start with {@link EtcdUnavailableError} instead of on
 * its first write. The caller closes it (`client.close()`).
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
  const clock = options.clock ?? new RealClock();
  const timeoutMs = options.timeoutMs ?? 5_000;
  const client = new Etcd3({ hosts, dialTimeout: timeoutMs });
  let timer: ReturnType<Clock['setTimeout']> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = clock.setTimeout(
      () => reject(new Error(`no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([
      client.maintenance.status({ deadline: new Date(clock.now() + timeoutMs) }),
      timeout,
    ]);
    return client;
  } catch (error) {
    client.close();
    throw new EtcdUnavailableError(hosts, { cause: error });
  } finally {
    if (timer) clock.clearTimeout(timer);
  }
}
