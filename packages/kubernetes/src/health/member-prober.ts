import type { Cluster, ResourceList } from '@lifeboat/core';
import { quantities } from '../capacity/pod-requests';
import type { NodeObject } from '../capacity/resource-summary';
import { MemberUnreachableError, type MemberClient } from '../members/member-client';
import { listAll } from '../members/list-all';

/**
 * One probe of a member's API server, in the shape of Karmada's `ProbeResult`: `online` when an
 * HTTP answer came, `healthy` when it was 200.
 * @public
 */
export interface MemberProbeResult {
  readonly online: boolean;
  readonly healthy: boolean;
  readonly detail?: string;
}

/** One node as a Clusternet agent's lister reports it (Clusternet's `AgentNode` shape). @public */
export interface MemberNode {
  readonly name: string;
  readonly ready?: 'True' | 'False' | 'Unknown';
  readonly capacity: ResourceList;
  readonly allocatable: ResourceList;
}

/** What a Clusternet agent observes in one collect period (Clusternet's `AgentObservation` shape). @public */
export interface MemberObservation {
  readonly healthz: boolean;
  readonly livez: boolean;
  readonly readyz: boolean;
  readonly nodes: readonly MemberNode[];
  readonly k8sVersion?: string;
}

/** Caps of {@link MemberProber}. @public */
export interface MemberProberOptions {
  /** One health request; default 5000 ms. */
  readonly timeoutMs?: number;
  /** Largest health reply read; default 64 KiB (`/readyz?verbose` is a few KiB). */
  readonly maxBytes?: number;
}

const DEFAULT_HEALTH_BYTES = 64 * 1024;

/**
 * Health of the members, over each member's own TLS connection and credentials:
 * - {@link MemberProber.probe} is Karmada's `getClusterHealthStatus` (GET `/readyz`, and
 *   `/healthz` only when `/readyz` answers 404), so it is a Karmada `ClusterProber` and feeds the
 *   Karmada detector with its thresholds and monitor grace unchanged;
 * - {@link MemberProber.observe} is what a Clusternet agent collects (`/healthz`, `/livez`,
 *   `/readyz`, the nodes, the version), so Clusternet's heartbeat runs from the same connection;
 *   it throws when the member cannot be reached, so no heartbeat is posted for a dark member.
 * A cluster that is not in the members file is offline: Lifeboat has no way to reach it.
 * @public
 */
export class MemberProber {
  private readonly timeoutMs: number | undefined;
  private readonly maxBytes: number;

  constructor(
    private readonly clients: ReadonlyMap<string, MemberClient>,
    options: MemberProberOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs;
    this.maxBytes = options.maxBytes ?? DEFAULT_HEALTH_BYTES;
  }

  async probe(cluster: Cluster): Promise<MemberProbeResult> {
    const client = this.clients.get(cluster.metadata.name);
    if (!client)
      return {
        online: false,
        healthy: false,
        detail: `cluster "${cluster.metadata.name}" is not in the members file`,
      };
    try {
      let status = await this.status(client, '/readyz');
      if (status === 404) status = await this.status(client, '/healthz');
      if (status !== 200)
        return { online: true, healthy: false, detail: `health endpoint answered ${status}` };
      return { online: true, healthy: true };
    } catch (error) {
      if (!(error instanceof MemberUnreachableError)) throw error;
      return { online: false, healthy: false, detail: error.message };
    }
  }

  async observe(name: string): Promise<MemberObservation> {
    const client = this.clients.get(name);
    if (!client) throw new Error(`cluster "${name}" is not in the members file`);
    const [healthz, livez, readyz] = await Promise.all(
      ['/healthz', '/livez', '/readyz'].map(
        async (path) => (await this.status(client, path)) === 200,
      ),
    );
    const nodes = await listAll<NodeObject>(client, '/api/v1/nodes');
    const version = await client
      .json<{ gitVersion?: string }>({ path: '/version', ...this.caps() })
      .catch(() => undefined);
    return {
      healthz: healthz ?? false,
      livez: livez ?? false,
      readyz: readyz ?? false,
      nodes: nodes.map(memberNode),
      ...(version?.gitVersion ? { k8sVersion: version.gitVersion } : {}),
    };
  }

  private async status(client: MemberClient, path: string): Promise<number> {
    return (await client.request({ path, ...this.caps() })).status;
  }

  private caps(): { timeoutMs?: number; maxBytes: number } {
    return {
      ...(this.timeoutMs === undefined ? {} : { timeoutMs: this.timeoutMs }),
      maxBytes: this.maxBytes,
    };
  }
}

function memberNode(node: NodeObject): MemberNode {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status;
  return {
    name: node.metadata.name,
    ...(ready === 'True' || ready === 'False' || ready === 'Unknown' ? { ready } : {}),
    capacity: quantities(node.status?.capacity),
    allocatable: quantities(node.status?.allocatable),
  };
}
