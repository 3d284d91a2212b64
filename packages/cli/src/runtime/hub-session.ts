import { RealClock, ValidationError, type Clock, type TimerHandle } from '@lifeboat/core';
import {
  KubernetesLeaderElector,
  KubernetesStateStore,
  MemberClient,
  hubFromKubeconfig,
  type CheckedKubeconfig,
  type LeaseFence,
} from '@lifeboat/kubernetes';
import type { Command } from 'commander';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { readInputFile } from '../commands/read-input-file';
import { LEADER_RECORD_NAMESPACE } from './leader-record';
import type { ElectionSettings, SessionElector, StateSession } from './state-session';

/** The hub flags. */
export interface HubFlags {
  readonly kubeconfig?: string;
  readonly context?: string;
}

/**
 * The Lease the controllers elect their leader on. Every Lease Lifeboat keeps on the hub (this one
 * and the leader record) is in {@link LEADER_RECORD_NAMESPACE}, so a Role there is enough.
 */
export const HUB_ELECTION_LEASE = 'lifeboat-controller';

/** How long the hub has to answer when a command starts, and each health check. */
const HUB_TIMEOUT_MS = 5_000;
const HEALTH_INTERVAL_MS = 2_000;

/** Adds `--kubeconfig` and `--context`. */
export function withHubOptions(command: Command): Command {
  return command
    .option(
      '--kubeconfig <file>',
      "the hub cluster's kubeconfig: state in its lifeboat.dev custom resources, the leader elected on a Lease in lifeboat-system (instead of --etcd; see docs/kubernetes.md)",
    )
    .option('--context <name>', "the hub kubeconfig's context (default: its current-context)");
}

/** Reads and checks the hub's kubeconfig; problems are a `ValidationError` at `--kubeconfig`. */
export async function hubConnectionOf(
  flags: HubFlags & { readonly kubeconfig: string },
): Promise<CheckedKubeconfig> {
  const text = await readInputFile(flags.kubeconfig, '--kubeconfig');
  return hubFromKubeconfig(text, flags.kubeconfig, '--kubeconfig', flags.context);
}

/** The hub does not answer, or has no Lifeboat custom resources: the command cannot start. */
export class HubUnavailableError extends Error {
  override readonly name = 'HubUnavailableError';
}

/**
 * A session on the hub cluster's API: the {@link KubernetesStateStore} on the `lifeboat.dev`
 * custom resources (its Leases in {@link LEADER_RECORD_NAMESPACE}, so the controller needs only a
 * namespaced Role on Leases), leader election on the Lease {@link HUB_ELECTION_LEASE} there with
 * client-go's semantics, and a health check on the hub's `/readyz`. Fails with
 * {@link HubUnavailableError} when the hub does not answer within 5 s or lacks the CRDs.
 */
export async function openHubSession(
  hub: CheckedKubeconfig,
  options: { readonly logger?: Logger; readonly clock?: Clock } = {},
): Promise<StateSession> {
  const clock = options.clock ?? new RealClock();
  const { logger } = options;
  const store = new KubernetesStateStore({
    kubeConfig: hub.kubeConfig,
    clock,
    leaseNamespace: LEADER_RECORD_NAMESPACE,
  });
  const where = `the hub at ${hub.server.origin} (kubeconfig ${hub.source}, context "${hub.context}")`;
  try {
    await withinTimeout(clock, store.list('Cluster'), HUB_TIMEOUT_MS, 'no answer');
  } catch (error) {
    const detail = hub.redactor.redact(error instanceof Error ? error.message : String(error));
    throw new HubUnavailableError(
      `${where} cannot be used: ${detail}; check the kubeconfig and that the Lifeboat CRDs are installed (kubectl apply --server-side -f docs/kubernetes/crds.yaml)`,
    );
  }
  const health = new HubHealth(hub, clock, (healthy) => {
    if (healthy) logger?.info('the hub answers again');
    else
      logger?.warn({ hub: hub.server.origin }, 'the hub does not answer; not ready until it does');
  });
  return {
    backend: 'hub',
    store,
    health,
    registry: new Registry(),
    elector: (settings) => hubElector(hub, store, clock, settings),
    close: () => void health.stop(),
  };
}

/**
 * The renew deadline of an election on the hub: as configured, else two thirds of the lease (as
 * on etcd, and client-go's 10 s of 15 s). client-go also wants it longer than 1.2 retry periods;
 * a config that breaks that is refused (exit code 2) before anything starts.
 */
export function hubRenewDeadlineMs(settings: Omit<ElectionSettings, 'identity'>): number {
  const renewDeadlineMs = settings.renewDeadlineMs ?? (settings.leaseTtlSeconds * 1000 * 2) / 3;
  if (renewDeadlineMs <= 1.2 * settings.retryPeriodMs)
    throw ValidationError.at(
      'leaderElection.renewDeadline',
      `with --kubeconfig the renew deadline (${renewDeadlineMs} ms) must be longer than 1.2 × leaderElection.retryPeriod (${settings.retryPeriodMs} ms), as client-go requires`,
    );
  return renewDeadlineMs;
}

/**
 * The election on the hub's Lease. Each term's store is fenced with that very term: its fence
 * (renewed with every renewal) only while the Lease still shows the holder and transition count
 * the term started with.
 */
function hubElector(
  hub: CheckedKubeconfig,
  store: KubernetesStateStore,
  clock: Clock,
  settings: ElectionSettings,
): SessionElector {
  const renewDeadlineMs = hubRenewDeadlineMs(settings);
  const elector = new KubernetesLeaderElector({
    kubeConfig: hub.kubeConfig,
    identity: settings.identity,
    namespace: LEADER_RECORD_NAMESPACE,
    name: HUB_ELECTION_LEASE,
    leaseDurationSeconds: settings.leaseTtlSeconds,
    renewDeadlineMs,
    retryPeriodMs: settings.retryPeriodMs,
    clock,
  });
  return {
    elector,
    election: `Lease ${LEADER_RECORD_NAMESPACE}/${HUB_ELECTION_LEASE}`,
    termStore: () => {
      const started = elector.fence();
      const sameTerm = (now: LeaseFence | undefined): LeaseFence | undefined =>
        now &&
        started &&
        now.holderIdentity === started.holderIdentity &&
        now.leaseTransitions === started.leaseTransitions
          ? now
          : undefined;
      return store.withFence(() => sameTerm(elector.fence()));
    },
  };
}

/** Whether the hub answers, checked on its `/readyz` every 2 s once started. */
class HubHealth {
  /** The member client is a plain, capped and redacting client for any cluster's API. */
  private readonly client: MemberClient;
  private timer: TimerHandle | undefined;
  private running = false;
  private current = true;
  private inFlight: Promise<void> | undefined;

  constructor(
    hub: CheckedKubeconfig,
    private readonly clock: Clock,
    private readonly onChange: (healthy: boolean) => void,
  ) {
    this.client = new MemberClient({ ...hub, name: 'hub', location: {} }, clock, {
      timeoutMs: HEALTH_INTERVAL_MS,
    });
  }

  get healthy(): boolean {
    return this.current;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = this.clock.setTimeout(() => {
      this.inFlight = this.check().finally(() => this.schedule());
    }, HEALTH_INTERVAL_MS);
  }

  private async check(): Promise<void> {
    let healthy: boolean;
    try {
      healthy =
        (await this.client.request({ path: '/readyz', maxBytes: 64 * 1024 })).status === 200;
    } catch {
      healthy = false;
    }
    if (healthy === this.current) return;
    this.current = healthy;
    this.onChange(healthy);
  }
}

/** `work`, or a rejection with `message` once `ms` have passed. */
async function withinTimeout<T>(
  clock: Clock,
  work: Promise<T>,
  ms: number,
  message: string,
): Promise<T> {
  let timer: TimerHandle | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = clock.setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    if (timer) clock.clearTimeout(timer);
  }
}
