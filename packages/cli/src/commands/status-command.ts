import { Command } from 'commander';
import { RealClock } from '@lifeboat/core';
import { CorruptObjectError } from '@lifeboat/etcd';
import { LEADER_RECORD_KEY } from '../runtime/leader-record';
import {
  openStateSession,
  stateConnectionOf,
  withStateOptions,
  type StateFlags,
} from '../runtime/state-session';
import { renderStatus, statusView } from '../runtime/status-view';

/**
 * `lifeboat status --etcd URL` (or `--kubeconfig HUB`): clusters, bindings and the active
 * controller, from where the controllers keep them.
 */
export function statusCommand(write: (text: string) => void): Command {
  return withStateOptions(
    new Command('status').description(
      'show the active controller, clusters (Ready, taints) and bindings (placement, eviction tasks) stored on etcd (--etcd) or on the hub (--kubeconfig)',
    ),
  )
    .option('--json', 'print JSON instead of tables')
    .action(async (flags: StateFlags & { json?: boolean }) => {
      const connection = await stateConnectionOf(flags);
      // Only etcd can hold a value that is not an object; the hub's API server checks its CRDs.
      const skipped: CorruptObjectError[] = [];
      const session = await openStateSession(connection, {
        onCorruptObject: (error) => skipped.push(error),
      });
      try {
        const [clusters, bindings, leader] = await Promise.all([
          session.store.list('Cluster'),
          session.store.list('Binding'),
          session.store.get('Lease', LEADER_RECORD_KEY).catch((error: unknown) => {
            if (!(error instanceof CorruptObjectError)) throw error;
            skipped.push(error);
            return undefined;
          }),
        ]);
        const view = statusView(
          clusters.items,
          bindings.items,
          leader,
          new RealClock().now(),
          skipped.map((e) => ({ key: e.storageKey ?? e.kind, reason: e.reason })),
        );
        write(flags.json ? `${JSON.stringify(view, null, 2)}\n` : renderStatus(view));
      } finally {
        session.close();
      }
    });
}
