import { HUB_RESOURCES, microTime, type HubObject } from './custom-resource-codec';
import { HubRequestError, type HubClient } from './hub-client';

/** The election record a `coordination.k8s.io/v1` Lease holds (client-go's LeaderElectionRecord). @public */
export interface LeaderElectionRecord {
  readonly holderIdentity: string;
  readonly leaseDurationSeconds: number;
  /** ms since the epoch. */
  readonly acquireTime: number;
  /** ms since the epoch. */
  readonly renewTime: number;
  readonly leaseTransitions: number;
}

/** A record as read, with the version an update must name. @public */
export interface ObservedRecord {
  readonly record: LeaderElectionRecord;
  readonly resourceVersion: string;
}

/**
 * Where the election record lives (client-go's `resourcelock.Interface`). `create` and `update`
 * resolve false when another writer got there first (409), so the caller just tries again.
 * @public
 */
export interface LeaseLock {
  /** `namespace/name`, for messages and fences. */
  readonly namespace: string;
  readonly name: string;
  get(): Promise<ObservedRecord | undefined>;
  create(record: LeaderElectionRecord): Promise<boolean>;
  update(record: LeaderElectionRecord, resourceVersion: string): Promise<boolean>;
}

/** The lock on a hub Lease, through client-node. @public */
export class KubernetesLeaseLock implements LeaseLock {
  constructor(
    private readonly client: HubClient,
    readonly namespace: string,
    readonly name: string,
  ) {}

  async get(): Promise<ObservedRecord | undefined> {
    try {
      const lease = await this.client.get(HUB_RESOURCES.Lease, this.namespace, this.name);
      return { record: recordOf(lease), resourceVersion: lease.metadata.resourceVersion ?? '' };
    } catch (error) {
      if (error instanceof HubRequestError && error.code === 404) return undefined;
      throw error;
    }
  }

  async create(record: LeaderElectionRecord): Promise<boolean> {
    try {
      await this.client.create(HUB_RESOURCES.Lease, this.lease(record));
      return true;
    } catch (error) {
      if (!(error instanceof HubRequestError)) throw error;
      if (error.code === 409) return false;
      if (error.code !== 404) throw error;
    }
    await this.client.ensureNamespace(this.namespace);
    return this.create(record);
  }

  async update(record: LeaderElectionRecord, resourceVersion: string): Promise<boolean> {
    const lease = this.lease(record);
    lease.metadata.resourceVersion = resourceVersion;
    try {
      await this.client.replace(HUB_RESOURCES.Lease, lease);
      return true;
    } catch (error) {
      if (error instanceof HubRequestError && (error.code === 409 || error.code === 404))
        return false;
      throw error;
    }
  }

  private lease(record: LeaderElectionRecord): HubObject {
    return {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: this.name, namespace: this.namespace },
      spec: {
        holderIdentity: record.holderIdentity,
        leaseDurationSeconds: record.leaseDurationSeconds,
        acquireTime: microTime(record.acquireTime),
        renewTime: microTime(record.renewTime),
        leaseTransitions: record.leaseTransitions,
      },
    };
  }
}

function recordOf(lease: HubObject): LeaderElectionRecord {
  const spec = (lease.spec ?? {}) as Record<string, unknown>;
  const time = (value: unknown) => (typeof value === 'string' ? Date.parse(value) : 0);
  return {
    holderIdentity: typeof spec.holderIdentity === 'string' ? spec.holderIdentity : '',
    leaseDurationSeconds:
      typeof spec.leaseDurationSeconds === 'number' ? spec.leaseDurationSeconds : 0,
    acquireTime: time(spec.acquireTime),
    renewTime: time(spec.renewTime),
    leaseTransitions: typeof spec.leaseTransitions === 'number' ? spec.leaseTransitions : 0,
  };
}
