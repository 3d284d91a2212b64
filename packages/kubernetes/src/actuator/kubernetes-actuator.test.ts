import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  InMemoryStateStore,
  VirtualClock,
  type Binding,
  type EvictionTask,
  type TargetCluster,
} from '@lifeboat/core';
import { makeBinding } from '@lifeboat/core/testing';
import { MemberClient } from '../members/member-client';
import { memberFromKubeconfig } from '../members/member-kubeconfig';
import { KubernetesApiDouble } from '../testing/kubernetes-api-double';
import { KubernetesActuator, type ActuatorLogger } from './kubernetes-actuator';
import type { Manifest } from './manifest';
import { TEMPLATE_ANNOTATION, encodeTemplate, parseWorkloadTemplate } from './workload-template';

const NAMES = ['m1', 'm2', 'm3'] as const;
const clock = new VirtualClock(1_000_000);
let doubles: Record<string, KubernetesApiDouble>;
let store: InMemoryStateStore;
let actuator: KubernetesActuator;
let dir: string;
const warnings: string[] = [];
const logger: ActuatorLogger = {
  info: () => undefined,
  warn: (_d, message) => warnings.push(message),
};

const configMap: Manifest = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'web-config' },
  data: { a: '1' },
};
const secret: Manifest = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'web-secret' },
  stringData: { p: 'x' },
};

function deployment(name: string): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'shop' },
    spec: {
      replicas: 4,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          volumes: [{ name: 'c', configMap: { name: 'web-config' } }],
          containers: [
            {
              name: 'app',
              image: 'web',
              envFrom: [{ secretRef: { name: 'web-secret' } }],
              resources: { requests: { cpu: '100m' } },
            },
          ],
        },
      },
    },
  };
}

function binding(
  name: string,
  clusters: TargetCluster[],
  evictionTasks: EvictionTask[] = [],
): Binding {
  const base = makeBinding(name, { namespace: 'shop', replicas: 4, clusters });
  const template = parseWorkloadTemplate(deployment(name), [
    { ...configMap, metadata: { ...configMap.metadata, namespace: 'shop' } },
    { ...secret, metadata: { ...secret.metadata, namespace: 'shop' } },
  ]);
  return {
    ...base,
    metadata: {
      ...base.metadata,
      annotations: { [TEMPLATE_ANNOTATION]: encodeTemplate(template) },
    },
    spec: { ...base.spec, evictionTasks },
  };
}

const task = (
  fromCluster: string,
  purgeMode: EvictionTask['purgeMode'],
  replicas: number,
): EvictionTask => ({
  fromCluster,
  purgeMode,
  replicas,
  reason: 'TaintUntolerated',
  producer: 'TaintManager',
  creationTimestamp: clock.now(),
});

async function setReady(name: string, status: 'True' | 'False'): Promise<void> {
  const cluster = await store.get('Cluster', name);
  if (!cluster) return;
  await store.update('Cluster', {
    ...cluster,
    status: {
      conditions: [
        {
          type: 'Ready',
          status,
          reason: status === 'True' ? 'ClusterReady' : 'ClusterNotReachable',
          message: '',
          lastTransitionTime: clock.now(),
        },
      ],
    },
  });
}

/** Stores the binding and hands it to the actuator, as the actuation controller does. */
async function place(b: Binding): Promise<void> {
  const existing = await store.get('Binding', `shop/${b.metadata.name}`);
  if (existing)
    await store.update('Binding', {
      ...b,
      metadata: { ...b.metadata, resourceVersion: existing.metadata.resourceVersion },
      status: existing.status,
    });
  else await store.create('Binding', b);
  await actuator.apply((await store.get('Binding', `shop/${b.metadata.name}`)) as Binding);
}

const deploymentOn = (member: string, name = 'web') =>
  doubles[member]?.find('apps/v1', 'Deployment', 'shop', name);
const replicasOn = (member: string): number | undefined =>
  (deploymentOn(member)?.['spec'] as { replicas?: number } | undefined)?.replicas;

/** Lets the doubles' stand-ins start the pods (their start-up delay is on the virtual clock), then reads back. */
async function startPodsAndReadBack(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await clock.advance(100);
    await new Promise((resolve) => setImmediate(resolve));
  }
  await actuator.resync();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lifeboat-actuator-'));
  doubles = {};
  for (const name of NAMES) {
    const double = await KubernetesApiDouble.start({
      clock,
      clusterName: name,
      workloads: { startupDelayMs: 50 },
    });
    double.addNode({ name: `${name}-node`, cpu: '8', memory: '16Gi' });
    doubles[name] = double;
  }
});
afterAll(async () => {
  for (const double of Object.values(doubles)) await double.stop();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  warnings.length = 0;
  store = new InMemoryStateStore();
  const clients = NAMES.map((name) => {
    const text = (doubles[name] as KubernetesApiDouble).kubeconfig();
    const source = join(dir, `${name}.yaml`);
    writeFileSync(source, text);
    return new MemberClient(
      memberFromKubeconfig({ name, kubeconfig: source }, text, source, name),
      clock,
    );
  });
  for (const name of NAMES) {
    await store.create('Cluster', { kind: 'Cluster', metadata: { name }, spec: {} });
    await setReady(name, 'True');
  }
  actuator = new KubernetesActuator({ store, clock, members: clients, logger });
});
afterEach(async () => {
  await actuator.remove('shop/web');
  await actuator.remove('shop/api');
  await actuator.stop();
  for (const double of Object.values(doubles))
    for (const d of ['web', 'api'])
      if (double.find('apps/v1', 'Deployment', 'shop', d)) throw new Error(`left ${d} behind`);
});

describe('KubernetesActuator against three API doubles', () => {
  it("applies each member's share with the ConfigMaps and Secrets it references, marked as Lifeboat's, and reads health back", async () => {
    await place(
      binding('web', [
        { name: 'm1', replicas: 3 },
        { name: 'm2', replicas: 1 },
      ]),
    );
    expect([replicasOn('m1'), replicasOn('m2'), replicasOn('m3')]).toEqual([3, 1, undefined]);
    const web = deploymentOn('m1');
    expect(web?.metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'lifeboat' });
    expect(web?.metadata.annotations).toMatchObject({ 'lifeboat.dev/binding': 'shop/web' });
    expect(
      (web?.metadata.managedFields as { manager: string; operation: string }[]).map(
        (f) => `${f.manager}/${f.operation}`,
      ),
    ).toContain('lifeboat/Apply');
    expect(doubles.m1?.find('v1', 'ConfigMap', 'shop', 'web-config')?.['data']).toEqual({ a: '1' });
    expect(doubles.m2?.find('v1', 'Secret', 'shop', 'web-secret')).toBeDefined();
    expect(doubles.m3?.find('v1', 'ConfigMap', 'shop', 'web-config')).toBeUndefined();

    await startPodsAndReadBack();
    const status = (await store.get('Binding', 'shop/web'))?.status?.aggregatedStatus;
    expect(status?.map((s) => [s.clusterName, s.health, s.readyReplicas])).toEqual([
      ['m1', 'Healthy', 3],
      ['m2', 'Healthy', 1],
    ]);
  });

  it('keeps the old copies of a graceful eviction until the task goes, then removes them', async () => {
    await place(
      binding('web', [
        { name: 'm1', replicas: 2 },
        { name: 'm2', replicas: 2 },
      ]),
    );
    await place(
      binding(
        'web',
        [
          { name: 'm2', replicas: 2 },
          { name: 'm3', replicas: 2 },
        ],
        [task('m1', 'Gracefully', 2)],
      ),
    );
    expect([replicasOn('m1'), replicasOn('m2'), replicasOn('m3')]).toEqual([2, 2, 2]);
    await place(
      binding('web', [
        { name: 'm2', replicas: 2 },
        { name: 'm3', replicas: 2 },
      ]),
    );
    expect([replicasOn('m1'), replicasOn('m2'), replicasOn('m3')]).toEqual([undefined, 2, 2]);
    // Nothing of the binding is left on m1, dependencies included.
    expect(doubles.m1?.find('v1', 'ConfigMap', 'shop', 'web-config')).toBeUndefined();
    expect(doubles.m1?.find('v1', 'Secret', 'shop', 'web-secret')).toBeUndefined();
  });

  it('removes the old copies of a Directly eviction at once, before the new ones are applied', async () => {
    await place(binding('web', [{ name: 'm1', replicas: 4 }]));
    const seen: string[] = [];
    const removedAt = new Promise<void>((resolve) =>
      doubles.m1?.api.onWrite((type, event) => {
        if (type.kind === 'Deployment' && event.type === 'DELETED') {
          seen.push(`m1 deleted; m3 has ${replicasOn('m3') ?? 'nothing'}`);
          resolve();
        }
      }),
    );
    await place(binding('web', [{ name: 'm3', replicas: 4 }], [task('m1', 'Directly', 4)]));
    await removedAt;
    expect(seen).toEqual(['m1 deleted; m3 has nothing']);
    expect([replicasOn('m1'), replicasOn('m3')]).toEqual([undefined, 4]);
  });

  it('leaves a member that is not Ready alone, and removes what it should no longer run once it is Ready again', async () => {
    await place(
      binding('web', [
        { name: 'm1', replicas: 2 },
        { name: 'm2', replicas: 2 },
      ]),
    );
    await startPodsAndReadBack();
    await setReady('m1', 'False');
    await place(binding('web', [{ name: 'm2', replicas: 4 }], [task('m1', 'Directly', 2)]));
    await actuator.resync();
    expect([replicasOn('m1'), replicasOn('m2')]).toEqual([2, 4]);
    // Its last report stands while it is dark.
    const dark = (await store.get('Binding', 'shop/web'))?.status?.aggregatedStatus;
    expect(dark?.find((s) => s.clusterName === 'm1')).toBeUndefined();
    await setReady('m1', 'True');
    await actuator.resync();
    expect(replicasOn('m1')).toBeUndefined();
  });

  it('never touches an object Lifeboat did not create', async () => {
    const theirs = deployment('web');
    doubles.m3?.create({ ...theirs, spec: { ...(theirs['spec'] as object), replicas: 9 } });
    await place(binding('web', [{ name: 'm3', replicas: 2 }]));
    expect(replicasOn('m3')).toBe(9);
    expect(deploymentOn('m3')?.metadata.labels?.['app.kubernetes.io/managed-by']).toBeUndefined();
    expect(warnings).toContain(
      'binding skipped: member "m3" has a Deployment shop/web that Lifeboat did not create; leaving it alone',
    );
    await actuator.remove('shop/web');
    expect(replicasOn('m3')).toBe(9);
    await doubles.m3?.api.delete(
      doubles.m3.registry.findKind('apps/v1', 'Deployment') as never,
      'shop',
      'web',
      {},
    );
  });

  it('keeps a ConfigMap another Lifeboat workload still references when one of them leaves', async () => {
    await place(binding('web', [{ name: 'm2', replicas: 1 }]));
    await place(binding('api', [{ name: 'm2', replicas: 1 }]));
    await actuator.remove('shop/web');
    expect(deploymentOn('m2')).toBeUndefined();
    expect(deploymentOn('m2', 'api')).toBeDefined();
    expect(doubles.m2?.find('v1', 'ConfigMap', 'shop', 'web-config')).toBeDefined();
  });
});
