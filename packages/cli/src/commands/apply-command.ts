import { Command } from 'commander';
import pLimit from 'p-limit';
import {
  AlreadyExistsError,
  objectKey,
  retryOnConflict,
  type Binding,
  type StateStore,
} from '@lifeboat/core';
import {
  openStateSession,
  stateConnectionOf,
  withStateOptions,
  type StateFlags,
} from '../runtime/state-session';
import { readWorkloadsFile } from '../runtime/workloads-file';

/**
 * Bindings written at once: a file of thousands would otherwise wait on one round trip after
 * another; the controllers take the stream as it comes.
 */
const IN_FLIGHT = 32;

/**
 * `lifeboat apply --etcd URL FILE` (or `--kubeconfig HUB FILE`): creates or updates the Bindings
 * of a workloads file, several at once, printing one line per binding in the file's order.
 */
export function applyCommand(write: (text: string) => void): Command {
  return withStateOptions(
    new Command('apply').description(
      'create or update the workloads of a file (kind: Workloads, the scenario workload shape, with template manifests) as bindings on etcd (--etcd) or on the hub (--kubeconfig)',
    ),
  )
    .argument('<file>', 'workloads file (YAML or JSON)')
    .action(async (file: string, flags: StateFlags) => {
      const connection = await stateConnectionOf(flags);
      // The whole file is checked before anything is written.
      const { bindings } = await readWorkloadsFile(file);
      const session = await openStateSession(connection);
      try {
        // After the first failure nothing more is written; writes in flight still land, as a
        // sequential apply's earlier ones did, and the command fails with that first error.
        let failure: { error: unknown } | undefined;
        const limit = pLimit(IN_FLIGHT);
        const results = bindings.map((binding) =>
          limit(() =>
            failure ? Promise.reject(failure.error) : applyBinding(session.store, binding),
          ),
        );
        for (const result of results)
          void result.catch((error: unknown) => (failure ??= { error }));
        try {
          for (const [i, binding] of bindings.entries())
            write(`binding ${objectKey(binding.metadata)} ${await results[i]}\n`);
        } catch (error) {
          await Promise.allSettled(results);
          throw (failure ?? { error }).error;
        }
      } finally {
        session.close();
      }
    });
}

/**
 * Creates the binding, or updates what the file owns (workload, replicas, request, placement,
 * failover, annotations) and keeps what the controllers and members own (target clusters,
 * eviction tasks, status).
 */
async function applyBinding(
  store: StateStore,
  wanted: Binding,
): Promise<'created' | 'configured' | 'unchanged'> {
  const key = objectKey(wanted.metadata);
  // A controller or an agent may write the binding in between; AlreadyExists: another apply created it.
  return retryOnConflict(
    async () => {
      const existing = await store.get('Binding', key);
      if (!existing) {
        await store.create('Binding', wanted);
        return 'created';
      }
      const { replicaRequirements: _request, failover: _failover, ...kept } = existing.spec;
      const spec = { ...kept, ...wanted.spec };
      const annotations = { ...existing.metadata.annotations, ...wanted.metadata.annotations };
      if (
        canonical(spec) === canonical(existing.spec) &&
        canonical(annotations) === canonical(existing.metadata.annotations ?? {})
      )
        return 'unchanged';
      await store.update('Binding', {
        ...existing,
        metadata: { ...existing.metadata, annotations },
        spec,
      });
      return 'configured';
    },
    { attempts: 8, alsoRetry: (error) => error instanceof AlreadyExistsError },
  );
}

/** JSON with object keys sorted, so equal values compare equal whatever order their keys were built in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : v,
  );
}
