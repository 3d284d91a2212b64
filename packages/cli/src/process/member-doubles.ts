import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { objectKey, type Binding } from '@lifeboat/core';
import { BINDING_ANNOTATION, MANAGED_BY_LABEL } from '@lifeboat/kubernetes';
// The double is the kubernetes package's test harness; tests read its sources directly.
import { KubernetesApiDouble } from '../../../kubernetes/src/testing/kubernetes-api-double';
import { stringify } from 'yaml';

/**
 * TEST HARNESS (not shipped): member clusters as Kubernetes API **doubles** (HTTPS on loopback,
 * in the test's process; see the kubernetes package's `src/testing`) with one 8-CPU node each and a
 * workload stand-in that makes replicas ready shortly after they are created, and a members
 * file that names them (each with its own kubeconfig, bearer token and CA).
 */
export class MemberDoubles {
  private constructor(
    readonly doubles: ReadonlyMap<string, KubernetesApiDouble>,
    /** Path of the members file. */
    readonly membersFile: string,
  ) {}

  static async start(
    dir: string,
    names: readonly string[],
    startupDelayMs = 300,
  ): Promise<MemberDoubles> {
    const doubles = new Map<string, KubernetesApiDouble>();
    for (const name of names)
      doubles.set(
        name,
        await KubernetesApiDouble.start({ clusterName: name, workloads: { startupDelayMs } }),
      );
    const members = names.map((name) => {
      const kubeconfig = join(dir, `${name}.kubeconfig`);
      writeFileSync(kubeconfig, (doubles.get(name) as KubernetesApiDouble).kubeconfig());
      return {
        name,
        kubeconfig,
        region: 'eu-west',
        zones: [`eu-west-${name.slice(-1)}`],
        labels: { env: 'test' },
      };
    });
    const membersFile = join(dir, 'members.yaml');
    writeFileSync(
      membersFile,
      stringify({ apiVersion: 'lifeboat.dev/v1alpha1', kind: 'Members', members }),
    );
    return new MemberDoubles(doubles, membersFile);
  }

  double(name: string): KubernetesApiDouble {
    const double = this.doubles.get(name);
    if (!double) throw new Error(`no member ${name}`);
    return double;
  }

  /**
   * Lifeboat's Deployments on a member, read from the double's own store (so this works while its
   * API is down): binding -> {replicas, ready, resourceVersion}.
   */
  lifeboatDeployments(
    name: string,
  ): Map<string, { replicas: number; ready: number; resourceVersion: string }> {
    const out = new Map<string, { replicas: number; ready: number; resourceVersion: string }>();
    const double = this.double(name);
    const type = double.registry.findKind('apps/v1', 'Deployment');
    if (!type) throw new Error('the double serves no Deployments');
    for (const object of double.api.list(type, undefined).items) {
      if (object.metadata.labels?.[MANAGED_BY_LABEL] !== 'lifeboat') continue;
      const binding = object.metadata.annotations?.[BINDING_ANNOTATION] ?? '?';
      const spec = object['spec'] as { replicas?: number };
      const status = (object['status'] ?? {}) as { readyReplicas?: number };
      out.set(binding, {
        replicas: spec.replicas ?? 0,
        ready: status.readyReplicas ?? 0,
        resourceVersion: String(object.metadata.resourceVersion),
      });
    }
    return out;
  }

  async stop(): Promise<void> {
    for (const double of this.doubles.values()) await double.stop();
  }
}

/**
 * Why the members do not yet run exactly what the bindings say, or undefined: every binding is
 * fully placed on `live` members with no eviction task open, and on each live member Lifeboat's
 * Deployment has exactly the placed share, all ready, and nothing else.
 */
export function membersUnsettled(
  members: MemberDoubles,
  bindings: readonly Binding[],
  live: readonly string[],
  expected: ReadonlyMap<string, number>,
): string | undefined {
  if (bindings.length !== expected.size)
    return `${bindings.length} bindings stored, ${expected.size} applied`;
  for (const b of bindings) {
    const key = objectKey(b.metadata);
    const desired = expected.get(key) ?? -1;
    const targets = b.spec.clusters ?? [];
    const placed = targets.reduce((sum, t) => sum + t.replicas, 0);
    if (placed !== desired) return `${key}: ${placed} replicas placed, desired ${desired}`;
    const off = targets.find((t) => t.replicas > 0 && !live.includes(t.name));
    if (off) return `${key}: ${off.replicas} replicas still placed on ${off.name}`;
    if ((b.spec.evictionTasks ?? []).length > 0)
      return `${key}: eviction tasks open: ${b.spec.evictionTasks?.map((t) => t.fromCluster).join(', ')}`;
    let total = 0;
    for (const name of live) {
      const share = targets.find((t) => t.name === name)?.replicas ?? 0;
      const copy = members.lifeboatDeployments(name).get(key);
      if ((copy?.replicas ?? 0) !== share)
        return `${key}: ${name} runs ${copy?.replicas ?? 0}, placement says ${share}`;
      if (copy && copy.ready !== copy.replicas)
        return `${key}: ${name} has ${copy.ready}/${copy.replicas} ready`;
      total += copy?.replicas ?? 0;
    }
    if (total !== desired) return `${key}: members run ${total} replicas, desired ${desired}`;
  }
  return undefined;
}
