import { createHash, randomBytes } from 'node:crypto';
import { Quantity, type Clock, type TimerHandle } from '@lifeboat/core';
import { ApiError } from './api-error';
import type { KubeObject } from './object-store';
import type { ResourceApi } from './resource-api';
import type { ResourceRegistry } from './resource-registry';
import type { ResourceType } from './resource-types';

/**
 * What the stand-in does to a workload's replicas: `none` runs them normally; `fail` makes them
 * crash (Running, never Ready); `hang` leaves new ones starting forever; `partition` freezes
 * the workload (no pod or status changes reach the API, as when the cluster's controllers are
 * cut off from it).
 * @public
 */
export type WorkloadFault = 'none' | 'fail' | 'hang' | 'partition';

/** Options of the workload stand-in. @public */
export interface WorkloadStandInOptions {
  /** How long a scheduled pod takes to become Ready (default 1000 ms on the double's clock). */
  readonly startupDelayMs?: number;
}

const CONTROLLER_MANAGER = 'kube-controller-manager';
const KUBELET = 'kubelet';
const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet']);

type Json = Record<string, unknown>;

/**
 * A tiny stand-in for the Deployment and StatefulSet controllers, the scheduler and the
 * kubelet, inside the API double: it creates Pods for a workload's replicas (owned by the
 * workload directly, without ReplicaSets), binds each to a Ready node whose allocatable
 * resources still fit its requests (else it stays Pending, Unschedulable), marks it Ready after
 * the start-up delay, and writes the workload's status (`readyReplicas`, `availableReplicas`,
 * `updatedReplicas`, `observedGeneration`, and a Deployment's `Available`/`Progressing`
 * conditions, including `ProgressDeadlineExceeded`).
 * @public
 */
export class WorkloadStandIn {
  private readonly faults = new Map<string, WorkloadFault>();
  private defaultFault: WorkloadFault = 'none';
  private readonly timers = new Map<string, TimerHandle>();
  private readonly queued = new Set<string>();
  private readonly startupDelayMs: number;
  private stopped = false;

  constructor(
    private readonly api: ResourceApi,
    private readonly registry: ResourceRegistry,
    private readonly clock: Clock,
    options: WorkloadStandInOptions = {},
  ) {
    this.startupDelayMs = options.startupDelayMs ?? 1000;
    api.onWrite((type, event) => {
      if (WORKLOAD_KINDS.has(type.kind) && event.type !== 'DELETED')
        this.enqueue(type.kind, event.object.metadata.namespace, event.object.metadata.name);
      if (type.kind === 'Node') for (const key of this.workloadKeys()) this.queue(key);
    });
  }

  /** Sets the fault of one workload (`kind/namespace/name`), or of every workload without one of its own. */
  setFault(
    fault: WorkloadFault,
    workload?: { kind: 'Deployment' | 'StatefulSet'; namespace: string; name: string },
  ): void {
    if (workload) this.faults.set(`${workload.kind}/${workload.namespace}/${workload.name}`, fault);
    else this.defaultFault = fault;
    for (const key of this.workloadKeys()) this.queue(key);
  }

  /** Cancels pending start-ups; nothing changes afterwards. */
  stop(): void {
    this.stopped = true;
    for (const handle of this.timers.values()) this.clock.clearTimeout(handle);
    this.timers.clear();
  }

  private faultOf(key: string): WorkloadFault {
    return this.faults.get(key) ?? this.defaultFault;
  }

  private workloadKeys(): string[] {
    return ['Deployment', 'StatefulSet'].flatMap((kind) =>
      this.api
        .list(this.type(kind), undefined)
        .items.map((o) => `${kind}/${o.metadata.namespace}/${o.metadata.name}`),
    );
  }

  private enqueue(kind: string, namespace: string | undefined, name: string): void {
    this.queue(`${kind}/${namespace ?? ''}/${name}`);
  }

  private queue(key: string): void {
    if (this.stopped || this.queued.has(key)) return;
    this.queued.add(key);
    // Reconcile after the write that triggered it has been answered, as a controller would.
    queueMicrotask(() => {
      this.queued.delete(key);
      if (!this.stopped) this.reconcile(key);
    });
  }

  private type(kind: string): ResourceType {
    const apiVersion = kind === 'Pod' || kind === 'Node' ? 'v1' : 'apps/v1';
    return this.registry.findKind(apiVersion, kind) as ResourceType;
  }

  private reconcile(key: string): void {
    const [kind, namespace, name] = key.split('/') as [string, string, string];
    if (this.faultOf(key) === 'partition') return;
    let workload: KubeObject;
    try {
      workload = this.api.get(this.type(kind), namespace, name);
    } catch (error) {
      if (error instanceof ApiError && error.code === 404) return;
      throw error;
    }
    if (workload.metadata.deletionTimestamp) return;
    const spec = workload.spec as Json;
    const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
    const revision = templateHash(spec.template);
    const pods = this.podsOf(workload);
    if (kind === 'Deployment') this.scaleDeployment(workload, pods, desired, revision);
    else this.scaleStatefulSet(workload, pods, desired, revision);
    for (const pod of this.podsOf(workload)) this.runPod(key, pod);
    this.writeStatus(key, workload, this.podsOf(workload), desired, revision);
  }

  private podsOf(workload: KubeObject): KubeObject[] {
    return this.api
      .list(this.type('Pod'), workload.metadata.namespace, (p) =>
        (p.metadata.ownerReferences ?? []).some((r) => r.uid === workload.metadata.uid),
      )
      .items.filter((p) => !p.metadata.deletionTimestamp);
  }

  private scaleDeployment(
    workload: KubeObject,
    pods: KubeObject[],
    desired: number,
    revision: string,
  ): void {
    const updated = pods.filter((p) => revisionOf(p) === revision);
    const outdated = pods.filter((p) => revisionOf(p) !== revision);
    for (let i = updated.length; i < desired; i++)
      this.createPod(workload, `${workload.metadata.name}-${revision}-${suffix()}`, revision);
    const surplus = [...updated]
      .sort((a, b) => Number(isReady(a)) - Number(isReady(b)))
      .slice(0, Math.max(0, updated.length - desired));
    const newReady = updated.filter(isReady).length;
    const retire = newReady >= desired || desired === 0 ? outdated : [];
    for (const pod of [...surplus, ...retire]) this.deletePod(pod);
  }

  private scaleStatefulSet(
    workload: KubeObject,
    pods: KubeObject[],
    desired: number,
    revision: string,
  ): void {
    const parallel = (workload.spec as Json).podManagementPolicy === 'Parallel';
    const byOrdinal = new Map(pods.map((p) => [ordinalOf(p), p]));
    for (const [ordinal, pod] of byOrdinal) if (ordinal >= desired) this.deletePod(pod);
    for (let i = 0; i < desired; i++) {
      const pod = byOrdinal.get(i);
      if (!pod) {
        this.createPod(workload, `${workload.metadata.name}-${i}`, revision);
        if (!parallel) return;
      } else if (!isReady(pod) && !parallel) return;
    }
    const stale = pods
      .filter((p) => ordinalOf(p) < desired && revisionOf(p) !== revision)
      .sort((a, b) => ordinalOf(b) - ordinalOf(a))[0];
    if (stale && pods.every(isReady)) this.deletePod(stale);
  }

  private createPod(workload: KubeObject, name: string, revision: string): void {
    const template = ((workload.spec as Json).template ?? {}) as { metadata?: Json; spec?: Json };
    const labels = {
      ...((template.metadata?.labels ?? {}) as Record<string, string>),
      [workload.kind === 'StatefulSet' ? 'controller-revision-hash' : 'pod-template-hash']:
        revision,
    };
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: workload.metadata.namespace,
        labels,
        ownerReferences: [
          {
            apiVersion: String(workload.apiVersion),
            kind: String(workload.kind),
            name: workload.metadata.name,
            uid: workload.metadata.uid as string,
            controller: true,
            blockOwnerDeletion: true,
          } as { uid: string; kind: string; name: string; apiVersion: string },
        ],
      },
      spec: { ...(template.spec ?? {}) },
    };
    const nodeName = this.pickNode(pod);
    if (nodeName) (pod.spec as Json).nodeName = nodeName;
    const created = this.api.create(this.type('Pod'), workload.metadata.namespace, pod, {
      manager: CONTROLLER_MANAGER,
    });
    const condition = nodeName
      ? { type: 'PodScheduled', status: 'True', lastTransitionTime: this.api.timestamp() }
      : {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message: this.unschedulableMessage(),
          lastTransitionTime: this.api.timestamp(),
        };
    this.writePodStatus(created, { phase: 'Pending', conditions: [condition] });
  }

  private deletePod(pod: KubeObject): void {
    const handle = this.timers.get(podKey(pod));
    if (handle) this.clock.clearTimeout(handle);
    this.timers.delete(podKey(pod));
    try {
      this.api.delete(this.type('Pod'), pod.metadata.namespace, pod.metadata.name);
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 404)) throw error;
    }
  }

  /** The kubelet: start a bound pod after the delay, or crash it, or leave it starting. */
  private runPod(workloadKey: string, pod: KubeObject): void {
    const spec = pod.spec as Json;
    const fault = this.faultOf(workloadKey);
    if (!spec.nodeName) {
      const nodeName = this.pickNode(pod);
      if (!nodeName) return;
      pod = this.api.patch(
        this.type('Pod'),
        pod.metadata.namespace,
        pod.metadata.name,
        (live) => ({
          ...live,
          spec: { ...(live.spec as Json), nodeName },
        }),
        { manager: 'kube-scheduler' },
      );
      this.writePodStatus(pod, {
        phase: 'Pending',
        conditions: [
          { type: 'PodScheduled', status: 'True', lastTransitionTime: this.api.timestamp() },
        ],
      });
    }
    if (fault === 'fail') {
      if (phaseOf(pod) !== 'Running' || isReady(pod))
        this.writePodStatus(pod, crashed(pod, this.api.timestamp()));
      return;
    }
    if (fault === 'hang' || isReady(pod) || this.timers.has(podKey(pod))) return;
    const key = podKey(pod);
    this.timers.set(
      key,
      this.clock.setTimeout(() => {
        this.timers.delete(key);
        if (this.stopped || this.faultOf(workloadKey) !== 'none') return;
        const [namespace, name] = key.split('/') as [string, string];
        try {
          const live = this.api.get(this.type('Pod'), namespace, name);
          this.writePodStatus(live, running(live, this.api.timestamp()));
        } catch (error) {
          if (!(error instanceof ApiError && error.code === 404)) throw error;
        }
        this.queue(workloadKey);
      }, this.startupDelayMs),
    );
  }

  private writePodStatus(pod: KubeObject, status: Json): void {
    this.api.update(
      this.type('Pod'),
      pod.metadata.namespace,
      pod.metadata.name,
      { ...pod, status, metadata: { ...pod.metadata, resourceVersion: undefined } },
      {
        manager: KUBELET,
        scope: 'status',
      },
    );
  }

  private pickNode(pod: KubeObject): string | undefined {
    const nodes = this.api
      .list(this.type('Node'), undefined)
      .items.filter(
        (n) => !(n.spec as Json | undefined)?.unschedulable && conditionTrue(n, 'Ready'),
      );
    const pods = this.api
      .list(this.type('Pod'), undefined)
      .items.filter((p) => !['Succeeded', 'Failed'].includes(phaseOf(p)));
    const wanted = requestsOf(pod);
    return nodes.find((node) => {
      const allocatable = ((node.status as Json | undefined)?.allocatable ?? {}) as Record<
        string,
        string
      >;
      const onNode = pods.filter((p) => (p.spec as Json).nodeName === node.metadata.name);
      if (allocatable.pods !== undefined && onNode.length + 1 > Number(allocatable.pods))
        return false;
      return Object.entries(wanted).every(([resource, amount]) => {
        if (allocatable[resource] === undefined) return false;
        const used = onNode.reduce(
          (sum, p) => sum.add(requestsOf(p)[resource] ?? Quantity.parse(0)),
          Quantity.parse(0),
        );
        return used.add(amount).cmp(Quantity.parse(allocatable[resource])) <= 0;
      });
    })?.metadata.name;
  }

  private unschedulableMessage(): string {
    const count = this.api.list(this.type('Node'), undefined).items.length;
    return `0/${count} nodes are available: ${count} Insufficient resources.`;
  }

  private writeStatus(
    key: string,
    workload: KubeObject,
    pods: KubeObject[],
    desired: number,
    revision: string,
  ): void {
    const updated = pods.filter((p) => revisionOf(p) === revision);
    const ready = pods.filter(isReady).length;
    const now = this.api.timestamp();
    const previous = (workload.status ?? {}) as Json;
    const counts: Json = {
      observedGeneration: workload.metadata.generation,
      replicas: pods.length,
      updatedReplicas: updated.length,
      readyReplicas: ready,
      availableReplicas: ready,
    };
    let status: Json;
    if (workload.kind === 'Deployment') {
      status = { ...counts, unavailableReplicas: Math.max(0, desired - ready) };
      status.conditions = this.deploymentConditions(
        key,
        workload,
        previous,
        updated,
        desired,
        ready,
        now,
      );
    } else {
      status = {
        ...counts,
        currentReplicas: updated.length,
        currentRevision: `${workload.metadata.name}-${revision}`,
        updateRevision: `${workload.metadata.name}-${revision}`,
        collisionCount: 0,
      };
    }
    // Counts of zero are omitted, as the real API's omitempty does.
    for (const [field, value] of Object.entries(status))
      if (value === 0 && field !== 'collisionCount') delete status[field];
    this.api.update(
      this.type(workload.kind as string),
      workload.metadata.namespace,
      workload.metadata.name,
      { ...workload, status, metadata: { ...workload.metadata, resourceVersion: undefined } },
      {
        manager: CONTROLLER_MANAGER,
        scope: 'status',
      },
    );
  }

  private deploymentConditions(
    key: string,
    workload: KubeObject,
    previous: Json,
    updated: KubeObject[],
    desired: number,
    ready: number,
    now: string,
  ): Json[] {
    const spec = workload.spec as Json;
    const maxUnavailable = Math.floor(desired * 0.25);
    const old = (previous.conditions ?? []) as Json[];
    const progressedAt =
      (old.find((c) => c.type === 'Progressing')?.lastUpdateTime as string | undefined) ?? now;
    const complete = updated.length === desired && updated.filter(isReady).length === desired;
    const deadlineMs =
      (typeof spec.progressDeadlineSeconds === 'number' ? spec.progressDeadlineSeconds : 600) *
      1000;
    const progressedNow =
      (previous.readyReplicas ?? 0) !== ready ||
      previous.observedGeneration !== workload.metadata.generation;
    const lastProgress = progressedNow ? now : progressedAt;
    const overdue = !complete && this.clock.now() - Date.parse(lastProgress) >= deadlineMs;
    if (!complete && !overdue)
      this.scheduleDeadline(key, Date.parse(lastProgress) + deadlineMs - this.clock.now());
    const condition = (
      type: string,
      value: boolean,
      reason: string,
      message: string,
      updatedAt: string,
    ): Json => {
      const before = old.find((c) => c.type === type);
      const status = value ? 'True' : 'False';
      return {
        type,
        status,
        // Available's update time moves only when it changes, as the real controller writes it.
        lastUpdateTime:
          type === 'Available' && before?.status === status && before.reason === reason
            ? before.lastUpdateTime
            : updatedAt,
        lastTransitionTime: before?.status === status ? before.lastTransitionTime : now,
        reason,
        message,
      };
    };
    const name = workload.metadata.name;
    return [
      ready >= desired - maxUnavailable
        ? condition(
            'Available',
            true,
            'MinimumReplicasAvailable',
            'Deployment has minimum availability.',
            now,
          )
        : condition(
            'Available',
            false,
            'MinimumReplicasUnavailable',
            'Deployment does not have minimum availability.',
            now,
          ),
      complete
        ? condition(
            'Progressing',
            true,
            'NewReplicaSetAvailable',
            `ReplicaSet "${name}" has successfully progressed.`,
            lastProgress,
          )
        : overdue
          ? condition(
              'Progressing',
              false,
              'ProgressDeadlineExceeded',
              `ReplicaSet "${name}" has timed out progressing.`,
              lastProgress,
            )
          : condition(
              'Progressing',
              true,
              'ReplicaSetUpdated',
              `ReplicaSet "${name}" is progressing.`,
              lastProgress,
            ),
    ];
  }

  private scheduleDeadline(key: string, inMs: number): void {
    const timerKey = `deadline:${key}`;
    if (this.timers.has(timerKey)) return;
    this.timers.set(
      timerKey,
      this.clock.setTimeout(
        () => {
          this.timers.delete(timerKey);
          this.queue(key);
        },
        Math.max(0, inMs),
      ),
    );
  }
}

function templateHash(template: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(template ?? {}))
    .digest('hex')
    .slice(0, 10);
}

function suffix(): string {
  return randomBytes(3).toString('hex').slice(0, 5);
}

function podKey(pod: KubeObject): string {
  return `${pod.metadata.namespace}/${pod.metadata.name}`;
}

function revisionOf(pod: KubeObject): string | undefined {
  return (
    pod.metadata.labels?.['pod-template-hash'] ?? pod.metadata.labels?.['controller-revision-hash']
  );
}

function ordinalOf(pod: KubeObject): number {
  return Number(pod.metadata.name.slice(pod.metadata.name.lastIndexOf('-') + 1));
}

function phaseOf(pod: KubeObject): string {
  return String((pod.status as Json | undefined)?.phase ?? 'Pending');
}

function conditionTrue(object: KubeObject, type: string): boolean {
  const conditions = ((object.status as Json | undefined)?.conditions ?? []) as Json[];
  return conditions.some((c) => c.type === type && c.status === 'True');
}

function isReady(pod: KubeObject): boolean {
  return conditionTrue(pod, 'Ready');
}

function requestsOf(pod: KubeObject): Record<string, Quantity> {
  const total: Record<string, Quantity> = {};
  for (const container of ((pod.spec as Json).containers ?? []) as Json[]) {
    const requests = ((container.resources as Json | undefined)?.requests ?? {}) as Record<
      string,
      string
    >;
    for (const [resource, amount] of Object.entries(requests))
      total[resource] = (total[resource] ?? Quantity.parse(0)).add(Quantity.parse(amount));
  }
  return total;
}

function containerStatuses(pod: KubeObject, ready: boolean, state: Json): Json[] {
  return (((pod.spec as Json).containers ?? []) as Json[]).map((c) => ({
    name: c.name,
    image: c.image,
    ready,
    started: ready,
    restartCount: 0,
    state,
  }));
}

function running(pod: KubeObject, now: string): Json {
  return {
    phase: 'Running',
    startTime: now,
    conditions: [
      { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
      { type: 'Initialized', status: 'True', lastTransitionTime: now },
      { type: 'ContainersReady', status: 'True', lastTransitionTime: now },
      { type: 'Ready', status: 'True', lastTransitionTime: now },
    ],
    containerStatuses: containerStatuses(pod, true, { running: { startedAt: now } }),
  };
}

function crashed(pod: KubeObject, now: string): Json {
  return {
    phase: 'Running',
    startTime: now,
    conditions: [
      { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
      { type: 'Ready', status: 'False', reason: 'ContainersNotReady', lastTransitionTime: now },
    ],
    containerStatuses: containerStatuses(pod, false, {
      waiting: { reason: 'CrashLoopBackOff', message: 'back-off restarting failed container' },
    }),
  };
}
