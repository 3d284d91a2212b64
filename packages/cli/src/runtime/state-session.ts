import type { Command } from 'commander';
import { ValidationError, type LeaderElector, type StateStore } from '@lifeboat/core';
import { EtcdLeaderElector, type MemberReports } from '@lifeboat/etcd';
import type { CheckedKubeconfig } from '@lifeboat/kubernetes';
import type { Registry } from 'prom-client';
import {
  etcdConnectionOf,
  withEtcdOptions,
  type EtcdConnection,
  type EtcdFlags,
  type EtcdSettingPaths,
} from './etcd-flags';
import { openEtcdSession, type EtcdSession, type EtcdSessionOptions } from './etcd-session';
import { hubConnectionOf, openHubSession, withHubOptions, type HubFlags } from './hub-session';

/** How one controller replica campaigns (from `--config`'s `leaderElection`). */
export interface ElectionSettings {
  readonly identity: string;
  readonly leaseTtlSeconds: number;
  readonly retryPeriodMs: number;
  readonly renewDeadlineMs?: number;
}

/** A replica's elector on the state's backend, and the store each of its terms writes through. */
export interface SessionElector {
  readonly elector: LeaderElector;
  /** Where the election is held, for the log: the etcd key or the Lease. */
  readonly election: string;
  /**
   * The store for the term that has just started: every write checks, on the backend, that
   * this very term still leads, so a reconcile of an old term that finishes late cannot write
   * with a later term's authority.
   */
  termStore(): StateStore;
}

/**
 * Where a process keeps its state: etcd (`--etcd`) or the hub cluster's API (`--kubeconfig`).
 * Commands see only this, so every one of them runs the same on either.
 */
export interface StateSession {
  /** What answers, for messages: `etcd` or `hub`. */
  readonly backend: 'etcd' | 'hub';
  /** The unfenced store (reads, `lifeboat apply` and `status`). */
  readonly store: StateStore;
  /** Checked every 2 s once started; a process without its backend is not ready. */
  readonly health: {
    readonly healthy: boolean;
    start(): void;
    stop(): Promise<void>;
  };
  /** The session's own metrics. */
  readonly registry: Registry;
  /**
   * Agents' status reports, in their own keys (etcd only: a hub session's members are real
   * clusters the leader reads itself).
   */
  readonly reports?: MemberReports;
  elector(settings: ElectionSettings): SessionElector;
  close(): void;
}

/** The flags of either backend; exactly one of `--etcd` and `--kubeconfig` is given. */
export type StateFlags = Partial<EtcdFlags> & HubFlags;

/** Where the state is, checked: etcd with its TLS and auth, or the hub's kubeconfig. */
export type StateConnection =
  { readonly etcd: EtcdConnection } | { readonly hub: CheckedKubeconfig };

/** Flags that only make sense with `--etcd`. */
const ETCD_ONLY = {
  etcdCa: '--etcd-ca',
  etcdCert: '--etcd-cert',
  etcdKey: '--etcd-key',
  etcdUser: '--etcd-user',
  etcdPasswordFile: '--etcd-password-file',
} as const;

/** Adds the etcd flags (none required) and the hub's `--kubeconfig` and `--context`. */
export function withStateOptions(command: Command): Command {
  return withHubOptions(withEtcdOptions(command, { required: false }));
}

/**
 * Checks that exactly one backend is named and reads its connection; every problem is a
 * `ValidationError` naming its flag (exit code 2).
 */
export async function stateConnectionOf(
  flags: StateFlags,
  env: NodeJS.ProcessEnv = process.env,
  /** Where etcd settings that did not come from flags came from (the controller's config file). */
  paths: EtcdSettingPaths = {},
): Promise<StateConnection> {
  const { etcd, kubeconfig } = flags;
  if ((etcd === undefined) === (kubeconfig === undefined))
    throw ValidationError.at(
      etcd === undefined ? '--etcd' : '--kubeconfig',
      etcd === undefined
        ? 'say where the state is: --etcd URL (etcd) or --kubeconfig FILE (the hub cluster)'
        : '--etcd and --kubeconfig are two places for the same state; give only one',
    );
  if (etcd !== undefined) {
    if (flags.context !== undefined)
      throw ValidationError.at('--context', 'only applies with --kubeconfig');
    return {
      etcd: await etcdConnectionOf(
        { ...flags, etcd, etcdTimeout: flags.etcdTimeout ?? '5s' },
        env,
        paths,
      ),
    };
  }
  for (const [field, flag] of Object.entries(ETCD_ONLY))
    if (flags[field as keyof typeof ETCD_ONLY] !== undefined)
      throw ValidationError.at(flag, 'only applies with --etcd');
  return { hub: await hubConnectionOf({ ...flags, kubeconfig: kubeconfig as string }) };
}

/**
 * Opens the session the connection names: on etcd, or on the hub (its state on the
 * `lifeboat.dev` custom resources, its election on a Lease). Fails at once, with one line, when
 * the backend does not answer.
 */
export async function openStateSession(
  connection: StateConnection,
  options: EtcdSessionOptions = {},
): Promise<StateSession> {
  if ('hub' in connection)
    return openHubSession(connection.hub, options.logger ? { logger: options.logger } : {});
  return etcdStateSession(await openEtcdSession(connection.etcd, options));
}

/** The etcd session as a {@link StateSession}: the election key, fenced inside etcd. */
export function etcdStateSession(session: EtcdSession): StateSession {
  return {
    backend: 'etcd',
    store: session.store,
    health: session.health,
    registry: session.registry,
    reports: session.reports,
    elector: (settings) => {
      const elector = new EtcdLeaderElector({
        client: session.client,
        identity: settings.identity,
        ttlSeconds: settings.leaseTtlSeconds,
        retryPeriodMs: settings.retryPeriodMs,
        ...(settings.renewDeadlineMs === undefined
          ? {}
          : { renewDeadlineMs: settings.renewDeadlineMs }),
      });
      return {
        elector,
        election: elector.electionKey,
        termStore: () => {
          const fence = elector.fence();
          return session.store.withFence(fence ?? (() => undefined));
        },
      };
    },
    close: () => session.close(),
  };
}
