import { EtcdStateStore, connectEtcd } from '@lifeboat/etcd';
import type { Kind } from '@lifeboat/core';
import type { Logger } from 'pino';

/** A connected etcd client and the unfenced store on it. */
export interface EtcdSession {
  readonly client: Awaited<ReturnType<typeof connectEtcd>>;
  readonly store: EtcdStateStore;
  close(): void;
}

/**
 * Connects to etcd or fails with `EtcdUnavailableError` (its message says which endpoints and
 * what to check), so every command fails at start with one clear line when etcd is not there.
 * Later outages are not fatal: the client reconnects and watches resume.
 */
export async function openEtcdSession(
  endpoints: string,
  logger?: Logger,
  timeoutMs?: number,
): Promise<EtcdSession> {
  const client = await connectEtcd(endpoints, timeoutMs === undefined ? {} : { timeoutMs });
  try {
    const store = await EtcdStateStore.connect({
      client,
      // Informers pass their own onError and relist; this only catches a watch without one.
      onWatchError: (kind: Kind, error: Error) =>
        logger?.error({ kind, err: error }, 'a watch on etcd ended'),
    });
    return { client, store, close: () => client.close() };
  } catch (error) {
    client.close();
    throw error;
  }
}
