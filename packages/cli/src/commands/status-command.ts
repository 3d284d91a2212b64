import { Command } from 'commander';
import { RealClock } from '@lifeboat/core';
import { openEtcdSession } from '../runtime/etcd-session';
import { parseDurationFlag, parseEtcdFlag } from '../runtime/flag-parsers';
import { LEADER_RECORD_KEY } from '../runtime/leader-record';
import { renderStatus, statusView } from '../runtime/status-view';

/** `lifeboat status --etcd URL`: clusters, bindings and the active controller, from etcd. */
export function statusCommand(write: (text: string) => void): Command {
  return new Command('status')
    .description(
      'show the active controller, clusters (Ready, taints) and bindings (placement, eviction tasks) stored in etcd',
    )
    .requiredOption('--etcd <urls>', 'etcd client URL(s), comma-separated')
    .option('--json', 'print JSON instead of tables')
    .option('--etcd-timeout <duration>', 'how long to wait for etcd', '5s')
    .action(async (flags: { etcd: string; json?: boolean; etcdTimeout: string }) => {
      const endpoints = parseEtcdFlag(flags.etcd);
      const timeoutMs = parseDurationFlag(flags.etcdTimeout, '--etcd-timeout');
      const session = await openEtcdSession(endpoints, undefined, timeoutMs);
      try {
        const [clusters, bindings, leader] = await Promise.all([
          session.store.list('Cluster'),
          session.store.list('Binding'),
          session.store.get('Lease', LEADER_RECORD_KEY),
        ]);
        const view = statusView(clusters.items, bindings.items, leader, new RealClock().now());
        write(flags.json ? `${JSON.stringify(view, null, 2)}\n` : renderStatus(view));
      } finally {
        session.close();
      }
    });
}
