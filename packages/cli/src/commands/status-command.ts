import { Command } from 'commander';
import { RealClock } from '@lifeboat/core';
import { CorruptObjectError } from '@lifeboat/etcd';
import { openEtcdSession } from '../runtime/etcd-session';
import { etcdConnectionOf, withEtcdOptions, type EtcdFlags } from '../runtime/etcd-flags';
import { LEADER_RECORD_KEY } from '../runtime/leader-record';
import { renderStatus, statusView } from '../runtime/status-view';

/** `lifeboat status --etcd URL`: clusters, bindings and the active controller, from etcd. */
export function statusCommand(write: (text: string) => void): Command {
  return withEtcdOptions(
    new Command('status').description(
      'show the active controller, clusters (Ready, taints) and bindings (placement, eviction tasks) stored in etcd',
    ),
  )
    .option('--json', 'print JSON instead of tables')
    .action(async (flags: EtcdFlags & { json?: boolean }) => {
      const connection = await etcdConnectionOf(flags);
      const skipped: CorruptObjectError[] = [];
      const session = await openEtcdSession(connection, {
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
