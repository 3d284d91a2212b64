import {
  READY_CONDITION,
  desiredReplicasPerCluster,
  findCondition,
  objectKey,
  reportWorkloadStatus,
  type Actuator,
  type Binding,
  type Clock,
  type MemberWorkload,
  type StateStore,
  type TimerHandle,
} from '@lifeboat/core';
import type { MemberClient } from '../members/member-client';
import { ForeignObjectError, MemberObjects } from './member-objects';
import { memberWorkloadOf } from './workload-status';
import { templateOf, type WorkloadTemplate } from './workload-template';

/** Where the actuator says what it did and what it could not do. @public */
export interface ActuatorLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** Settings of {@link KubernetesActuator}. @public */
export interface KubernetesActuatorOptions {
  /** Where bindings, clusters and workload health live (a controller term's fenced store). */
  readonly store: StateStore;
  readonly clock: Clock;
  readonly members: readonly MemberClient[];
  /** How often every binding's members are read back and left-over copies retried; default 5 s. */
  readonly resyncPeriodMs?: number;
  readonly logger: ActuatorLogger;
}

/** Whether Lifeboat may touch a member: only while its Cluster is Ready, as Karmada's execution controller. */
async function clusterReady(store: StateStore, name: string): Promise<boolean> {
  const cluster = await store.get('Cluster', name);
  return findCondition(cluster?.status?.conditions, READY_CONDITION)?.status === 'True';
}

/**
 * The actuator for real member clusters. For each binding that carries a workload template
 * (`lifeboat.dev/template`):
 * - on every member that should run some (core's `desiredReplicasPerCluster`: the target share
 *   plus what a graceful eviction keeps), the template's ConfigMaps and Secrets and then the
 *   workload with `spec.replicas` = that share, by server-side apply;
 * - from members that left the placement, Lifeboat's copies are removed: at once when an
 *   eviction is `Directly`, and before the new copies are applied; for a graceful eviction only
 *   when core drops the task, i.e. once the new copies are ready (or the grace period is over);
 * - every member's copy is read back (ready and available replicas, the Progressing condition)
 *   into the binding's `status.aggregatedStatus` through core's `reportWorkloadStatus`, on each
 *   change and every resync period.
 * A member whose Cluster is not Ready is left alone entirely (its copies are neither changed nor
 * removed, and its last reported health stands); what it should no longer run is removed on the
 * first resync after it is Ready again. Objects Lifeboat did not create are never touched.
 * @public
 */
export class KubernetesActuator implements Actuator {
  private readonly members: ReadonlyMap<string, MemberObjects>;
  private readonly bindings = new Map<string, Binding>();
  /** Bindings deleted while some member still held copies: retried every resync. */
  private readonly removed = new Set<string>();
  /** Members known to hold nothing of a binding (`member\0binding`), so they are not asked again. */
  private readonly absent = new Set<string>();
  /** One sync per binding at a time; later ones follow. */
  private readonly chains = new Map<string, Promise<void>>();
  private readonly warned = new Set<string>();
  private readonly resyncPeriodMs: number;
  private timer: TimerHandle | undefined;
  private running = false;

  constructor(private readonly options: KubernetesActuatorOptions) {
    this.members = new Map(options.members.map((c) => [c.name, new MemberObjects(c)]));
    this.resyncPeriodMs = options.resyncPeriodMs ?? 5_000;
  }

  /** Starts the resync loop. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule();
  }

  /** Stops the loop and waits for the syncs in flight. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
    await Promise.all([...this.chains.values()]);
  }

  async apply(binding: Binding): Promise<void> {
    const key = objectKey(binding.metadata);
    this.bindings.set(key, binding);
    this.removed.delete(key);
    await this.enqueue(key);
  }

  async remove(bindingKey: string): Promise<void> {
    this.bindings.delete(bindingKey);
    this.removed.add(bindingKey);
    await this.enqueue(bindingKey);
  }

  /** One pass over every binding (what the resync loop runs). */
  async resync(): Promise<void> {
    await Promise.all(
      [...new Set([...this.bindings.keys(), ...this.removed])].map((key) => this.enqueue(key)),
    );
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = this.options.clock.setTimeout(() => {
      void this.resync().finally(() => this.schedule());
    }, this.resyncPeriodMs);
  }

  private enqueue(key: string): Promise<void> {
    const next = (this.chains.get(key) ?? Promise.resolve()).then(() => this.sync(key));
    const settled = next.catch((error: unknown) =>
      this.options.logger.warn(
        { binding: key, err: error },
        'actuation failed; retrying on the next resync',
      ),
    );
    this.chains.set(key, settled);
    void settled.finally(() => {
      if (this.chains.get(key) === settled) this.chains.delete(key);
    });
    return next;
  }

  private async sync(key: string): Promise<void> {
    const binding = this.bindings.get(key);
    if (!binding) {
      if (await this.removeEverywhere(key)) this.removed.delete(key);
      return;
    }
    let template: WorkloadTemplate | undefined;
    try {
      template = templateOf(binding);
    } catch (error) {
      this.warnOnce(key, 'its template cannot be read', error);
      return;
    }
    if (!template) {
      this.warnOnce(
        key,
        'it carries no workload template (lifeboat.dev/template); nothing to place',
        undefined,
      );
      return;
    }
    const desired = desiredReplicasPerCluster(binding);
    const ready = new Map<string, boolean>();
    for (const name of this.members.keys())
      ready.set(name, await clusterReady(this.options.store, name));
    for (const name of desired.keys())
      if (!this.members.has(name))
        this.warnOnce(
          `${key}\0${name}`,
          `cluster ${name} is placed but not in the members file`,
          undefined,
        );

    // Directly: the old copies go before any new one is applied.
    const directly = (binding.spec.evictionTasks ?? [])
      .filter((t) => t.purgeMode === 'Directly')
      .map((t) => t.fromCluster);
    for (const name of directly)
      if (!(desired.get(name) ?? 0) && ready.get(name)) await this.removeFrom(name, key);

    const workloads: MemberWorkload[] = [];
    await Promise.all(
      [...this.members.keys()].map(async (name) => {
        const replicas = desired.get(name) ?? 0;
        if (!ready.get(name)) {
          if (replicas > 0)
            workloads.push({ cluster: name, running: replicas, ready: 0, unreachable: true });
          return;
        }
        if (replicas === 0) {
          await this.removeFrom(name, key);
          return;
        }
        workloads.push(await this.applyTo(name, template, key, replicas));
      }),
    );
    await reportWorkloadStatus(
      this.options.store,
      key,
      () => workloads,
      () => this.options.clock.now(),
    );
  }

  private async applyTo(
    name: string,
    template: WorkloadTemplate,
    key: string,
    replicas: number,
  ): Promise<MemberWorkload> {
    const member = this.members.get(name) as MemberObjects;
    this.absent.delete(`${name}\0${key}`);
    try {
      await member.apply(template, key, replicas);
      const object = await member.workload(template, key);
      return object
        ? memberWorkloadOf(name, object)
        : { cluster: name, running: replicas, ready: 0 };
    } catch (error) {
      if (error instanceof ForeignObjectError) {
        this.warnOnce(`${key}\0${name}\0foreign`, error.message, undefined);
        return { cluster: name, running: replicas, ready: 0 };
      }
      this.options.logger.warn(
        { binding: key, cluster: name, err: error },
        'applying to the member failed',
      );
      return { cluster: name, running: replicas, ready: 0, unreachable: true };
    }
  }

  /** Removes the binding's copies from a member; true when it is known to hold none. */
  private async removeFrom(name: string, key: string): Promise<boolean> {
    const marker = `${name}\0${key}`;
    if (this.absent.has(marker)) return true;
    const member = this.members.get(name) as MemberObjects;
    try {
      const removed = await member.remove(key);
      if (removed > 0)
        this.options.logger.info(
          { binding: key, cluster: name, objects: removed },
          'removed the copies the member no longer runs',
        );
      this.absent.add(marker);
      return true;
    } catch (error) {
      this.options.logger.warn(
        { binding: key, cluster: name, err: error },
        'removing from the member failed; retrying on the next resync',
      );
      return false;
    }
  }

  private async removeEverywhere(key: string): Promise<boolean> {
    let done = true;
    for (const name of this.members.keys()) {
      if (!(await clusterReady(this.options.store, name))) {
        done = false;
        continue;
      }
      if (!(await this.removeFrom(name, key))) done = false;
    }
    if (done) for (const name of this.members.keys()) this.absent.delete(`${name}\0${key}`);
    return done;
  }

  private warnOnce(id: string, message: string, error: unknown): void {
    if (this.warned.has(id)) return;
    this.warned.add(id);
    this.options.logger.warn(
      { binding: id.split('\0')[0], ...(error ? { err: error } : {}) },
      `binding skipped: ${message}`,
    );
  }
}
