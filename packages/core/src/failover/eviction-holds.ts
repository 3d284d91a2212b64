import type { Clock, TimerHandle } from '../contracts/clock';
import type { EventRecorder } from '../contracts/event-recorder';
import type { EvictionGuard, GuardTransition } from '../contracts/eviction-guard';
import type { Informer } from '../controller/informer';
import type { Cluster } from '../model/cluster';

/** Why an eviction waits while the clusters checked at this instant are still being judged. */
const PASS_UNSETTLED = 'the monitor pass in progress has not been assessed yet';

/**
 * Runs an {@link EvictionGuard} for the eviction controller: after any cluster change it assesses
 * the fleet once the work already due at that instant is done (a zero-delay timer fires after
 * the other clusters' health checks of the same instant), so clusters that turn not Ready in one
 * monitor pass count together; until then every new eviction waits. It records
 * `EvictionsPaused` / `EvictionsResumed` and re-queues the bindings it held when they may go on.
 * @internal
 */
export class EvictionHolds {
  private pass?: TimerHandle;
  /** Bindings held until the pending assessment. */
  private readonly waitingForPass = new Set<string>();
  /** Bindings held by the guard's verdict. */
  private readonly held = new Set<string>();
  /** Scopes paused at the last assessment. */
  private readonly paused = new Set<string>();
  /** After a resume: evictions wait until then, and this timer lets them go. */
  private grace?: { readonly until: number; readonly timer: TimerHandle };

  constructor(
    private readonly guard: EvictionGuard,
    private readonly clusters: Informer<'Cluster'>,
    private readonly clock: Clock,
    private readonly recorder: EventRecorder,
    private readonly release: (binding: string) => void,
  ) {}

  /** A cluster joined, left, or its conditions changed. */
  clustersChanged(): void {
    this.pass ??= this.clock.setTimeout(() => this.assess(), 0);
  }

  /** A cluster's agent reported: while a scope is paused, its silence may have ended. */
  heartbeat(): void {
    if (this.paused.size > 0) this.clustersChanged();
  }

  /** Why `binding` may not start an eviction from `cluster` now (it is re-queued when it may), or undefined. */
  holdReason(binding: string, cluster: Cluster): string | undefined {
    if (this.pass) {
      this.waitingForPass.add(binding);
      return PASS_UNSETTLED;
    }
    if (this.grace) {
      this.held.add(binding);
      return 'evictions resumed a moment ago: members coming back late get a fresh grace period';
    }
    const reason = this.guard.holdReason(cluster);
    if (reason) this.held.add(binding);
    return reason;
  }

  /** Stops the pending assessment (the controller is stopping). */
  stop(): void {
    if (this.pass) this.clock.clearTimeout(this.pass);
    if (this.grace) this.clock.clearTimeout(this.grace.timer);
    this.pass = undefined;
    this.grace = undefined;
  }

  private assess(): void {
    this.pass = undefined;
    const transitions = this.guard.assess(this.clusters.list(), this.clock.now());
    for (const t of transitions) {
      const scope = `${t.scope.kind}/${t.scope.name ?? ''}`;
      if (t.paused) this.paused.add(scope);
      else this.paused.delete(scope);
      this.record(t);
    }
    const keys = [...this.waitingForPass];
    this.waitingForPass.clear();
    const graceMs = this.guard.resumeGraceMs ?? 0;
    if (transitions.some((t) => !t.paused)) {
      if (graceMs > 0 && !this.grace) {
        const until = this.clock.now() + graceMs;
        this.grace = { until, timer: this.clock.setTimeout(() => this.endGrace(), graceMs) };
      } else if (!this.grace) keys.push(...this.drainHeld());
    }
    for (const key of keys) this.release(key);
  }

  private endGrace(): void {
    this.grace = undefined;
    for (const key of this.drainHeld()) this.release(key);
  }

  private drainHeld(): string[] {
    const keys = [...this.held];
    this.held.clear();
    return keys;
  }

  private record(t: GuardTransition): void {
    this.recorder.record({
      kind: 'Fleet',
      key: t.scope.kind === 'Fleet' ? '' : (t.scope.name ?? ''),
      type: t.paused ? 'Warning' : 'Normal',
      reason: t.paused ? 'EvictionsPaused' : 'EvictionsResumed',
      message: t.message,
      time: this.clock.now(),
      details: {
        scope: t.scope.kind,
        ...(t.scope.name !== undefined ? { region: t.scope.name } : {}),
        notReady: t.notReady,
        clusters: t.clusters,
      },
    });
  }
}
