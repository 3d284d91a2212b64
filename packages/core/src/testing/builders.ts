import type { Binding, TargetCluster } from '../model/binding';
import type { Cluster } from '../model/cluster';
import { READY_CONDITION, type ConditionStatus } from '../model/condition';
import type { Placement } from '../model/placement';
import { parseResourceList } from '../model/resources';
import type { Taint } from '../model/taint';

/** Fluent builder of test clusters: `makeCluster('member1').region('eu').taint(...).build()`. @public */
export class ClusterBuilder {
  private cluster: Cluster;

  constructor(name: string) {
    this.cluster = {
      kind: 'Cluster',
      metadata: { name, labels: {} },
      spec: { syncMode: 'Push' },
      status: {},
    };
  }

  labels(labels: Record<string, string>): this {
    this.cluster = {
      ...this.cluster,
      metadata: {
        ...this.cluster.metadata,
        labels: { ...this.cluster.metadata.labels, ...labels },
      },
    };
    return this;
  }

  region(region: string): this {
    return this.spec({ region });
  }

  zones(...zones: string[]): this {
    return this.spec({ zones });
  }

  provider(provider: string): this {
    return this.spec({ provider });
  }

  syncMode(syncMode: 'Push' | 'Pull'): this {
    return this.spec({ syncMode });
  }

  taint(taint: Taint): this {
    return this.spec({ taints: [...(this.cluster.spec.taints ?? []), taint] });
  }

  /** Allocatable (and capacity) from Kubernetes quantities, e.g. `{cpu: '8', memory: '32Gi', pods: 110}`. */
  allocatable(resources: Record<string, string | number>): this {
    const list = parseResourceList(resources);
    this.cluster = {
      ...this.cluster,
      status: { ...this.cluster.status, allocatable: list, capacity: list },
    };
    return this;
  }

  ready(status: ConditionStatus = 'True', reason = 'ClusterReady', at = 0): this {
    const condition = {
      type: READY_CONDITION,
      status,
      reason,
      message: '',
      lastTransitionTime: at,
    };
    this.cluster = { ...this.cluster, status: { ...this.cluster.status, conditions: [condition] } };
    return this;
  }

  build(): Cluster {
    return this.cluster;
  }

  private spec(spec: Partial<Cluster['spec']>): this {
    this.cluster = { ...this.cluster, spec: { ...this.cluster.spec, ...spec } };
    return this;
  }
}

/** Starts a {@link ClusterBuilder}. @public */
export function makeCluster(name: string): ClusterBuilder {
  return new ClusterBuilder(name);
}

/** A Deployment binding with sensible defaults; override any part. @public */
export function makeBinding(
  name: string,
  options: {
    namespace?: string;
    replicas?: number;
    placement?: Placement;
    clusters?: TargetCluster[];
    request?: Record<string, string | number>;
    failover?: Binding['spec']['failover'];
  } = {},
): Binding {
  const namespace = options.namespace ?? 'default';
  return {
    kind: 'Binding',
    metadata: { name, namespace, uid: `${namespace}-${name}` },
    spec: {
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace, name },
      replicas: options.replicas ?? 1,
      placement: options.placement ?? { replicaScheduling: { type: 'Duplicated' } },
      ...(options.request
        ? { replicaRequirements: { resourceRequest: parseResourceList(options.request) } }
        : {}),
      ...(options.clusters ? { clusters: options.clusters } : {}),
      ...(options.failover ? { failover: options.failover } : {}),
    },
  };
}
