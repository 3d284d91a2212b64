import {
  EtcdHealth,
  EtcdStateStore,
  MemberReports,
  connectEtcd,
  type CorruptObjectError,
} from '@lifeboat/etcd';
import type { Kind } from '@lifeboat/core';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { CorruptObjectLog } from './corrupt-object-log';
import type { EtcdConnection } from './etcd-flags';

/** A connected etcd client, the unfenced store on it and whether etcd answers now. */
export interface EtcdSession {
  readonly client: Awaited<ReturnType<typeof connectEtcd>>;
  readonly store: EtcdStateStore;
  /** Members' status reports (agents write their own, the leader copies them into bindings). */
  readonly reports: MemberReports;
  /** Checked every 2 s once started; a process without etcd is not ready. */
  readonly health: EtcdHealth;
  /** The session's metrics (corrupt values skipped). */
  readonly registry: Registry;
  close(): void;
}

/** Optional parts of {@link openEtcdSession}. */
export interface EtcdSessionOptions {
  readonly logger?: Logger;
  /** Told about every corrupt value the store skipped, besides the count and the log. */
  readonly onCorruptObject?: (error: CorruptObjectError) => void;
  /** Told when etcd stops or starts answering. */
  readonly onHealthChange?: (healthy: boolean) => void;
}

/**
 * Connects to etcd or fails with `EtcdUnavailableError` (its message says which endpoints and
 * what to check), so every command fails at start with one clear line when etcd is not there
 * or refuses the TLS files or credentials. Later outages are not fatal: the client reconnects,
 * watches resume, and the health check tells the process meanwhile.
 */
export async function openEtcdSession(
  connection: EtcdConnection,
  options: EtcdSessionOptions = {},
): Promise<EtcdSession> {
  const { logger } = options;
  const client = await connectEtcd(connection.endpoints, {
    timeoutMs: connection.timeoutMs,
    ...(connection.tls ? { tls: connection.tls } : {}),
    ...(connection.auth ? { auth: connection.auth } : {}),
  });
  const registry = new Registry();
  const corrupt = new CorruptObjectLog(registry, logger);
  const onCorruptObject = (error: CorruptObjectError): void => {
    corrupt.report(error);
    options.onCorruptObject?.(error);
  };
  try {
    const store = await EtcdStateStore.connect({
      client,
      // Informers pass their own onError and relist; this only catches a watch without one.
      onWatchError: (kind: Kind, error: Error) =>
        logger?.error({ kind, err: error }, 'a watch on etcd ended'),
      onCorruptObject,
    });
    const reports = new MemberReports({ client, onCorruptObject });
    const health = new EtcdHealth({
      client,
      onChange: (healthy, error) => {
        if (healthy) logger?.info('etcd answers again');
        else logger?.warn({ err: error }, 'etcd does not answer; not ready until it does');
        options.onHealthChange?.(healthy);
      },
    });
    return {
      client,
      store,
      reports,
      health,
      registry,
      close: () => {
        void health.stop();
        client.close();
      },
    };
  } catch (error) {
    client.close();
    throw error;
  }
}
