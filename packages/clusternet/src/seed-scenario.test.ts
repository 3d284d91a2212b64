import {
  ACTUATOR,
  FailoverManager,
  InMemoryStateStore,
  MemoryEventRecorder,
  VirtualClock,
  parseResourceList,
  register,
  registerCore,
  resolve,
  type Binding,
  type Cluster,
} from '@lifeboat/core';
import { InMemoryActuator, makeBinding } from '@lifeboat/core/testing';
import pino from 'pino';
import { container as rootContainer } from 'tsyringe';
import { parseSubscription } from './api/parse-subscription';
import { ClusternetAgent } from './health/clusternet-agent';
import { registerClusternet } from './register';
import { CLUSTERNET_OPTIONS, PREDICTOR_TRANSPORT } from './tokens';

// The seed "Workloads FailOver" on the virtual clock: three clusters, a Replication subscription
// and two Dividing ones (Static and Dynamic); the agent of member1 stops (and its cluster goes dark), then returns.
const NAMES = ['member1', 'member2', 'member3'] as const;
const TAINT = 'clusters.clusternet.io/unschedulable';

function cluster(name: string): Cluster {
  return {
    kind: 'Cluster',
    metadata: { name, labels: { env: 'prod', name }, creationTimestamp: 0 },
    spec: { syncMode: 'Pull' },
    status: {},
  };
}

function subscriptionBinding(name: string, replicas: number, spec: unknown): Binding {
  const parsed = parseSubscription(spec);
  const base = makeBinding(name, { replicas, placement: parsed.placement });
  return { ...base, metadata: { ...base.metadata, annotations: parsed.annotations } };
}

async function compose(
  featureGates: { FailOver: boolean },
  failover: { keepOldReplicasUntilReady?: boolean; honorTolerationSeconds?: boolean } = {},
) {
  const clock = new VirtualClock(0);
  const store = new InMemoryStateStore();
  const recorder = new MemoryEventRecorder();
  const container = rootContainer.createChildContainer();
  registerCore(container, { clock, store, recorder, logger: pino({ level: 'silent' }) });
  const input = {
    featureGates,
    failover,
    settings: { clusterStatusUpdateFrequency: '20s', clusterStatusCollectFrequency: '20s' },
  };
  registerClusternet(container, input);
  // Each agent's predictor, in process: every cluster can take 10 more replicas.
  register(container, PREDICTOR_TRANSPORT, { useValue: { predict: async () => 10 } });
  const actuator = new InMemoryActuator(store, clock, 10);
  register(container, ACTUATOR, { useValue: actuator });
  for (const name of NAMES) await store.create('Cluster', cluster(name));
  const node = {
    name: 'node-1',
    ready: 'True' as const,
    capacity: parseResourceList({ cpu: '8', memory: '32Gi' }),
    allocatable: parseResourceList({ cpu: '8', memory: '32Gi' }),
  };
  // Clusters whose apiserver answers but is not ready (the scenario's `degrade`).
  const degraded = new Set<string>();
  const { settings } = resolve(container, CLUSTERNET_OPTIONS);
  const agents = new Map(
    NAMES.map((name) => [
      name,
      new ClusternetAgent(
        name,
        store,
        clock,
        () => ({ healthz: false, livez: true, readyz: !degraded.has(name), nodes: [node] }),
        {
          collectFrequencyMs: settings.clusterStatusCollectFrequency,
          updateFrequencyMs: settings.clusterStatusUpdateFrequency,
        },
      ),
    ]),
  );
  for (const agent of agents.values()) await agent.start();
  await store.create(
    'Binding',
    subscriptionBinding('web', 2, {
      subscribers: [{ clusterAffinity: { matchLabels: { env: 'prod' } } }],
    }),
  );
  await store.create(
    'Binding',
    subscriptionBinding('api', 6, {
      schedulingStrategy: 'Dividing',
      dividingScheduling: { type: 'Static' },
      subscribers: [
        { clusterAffinity: { matchLabels: { env: 'prod' } }, weight: 1 },
        { clusterAffinity: { matchLabels: { name: 'member1' } }, weight: 1 },
      ],
    }),
  );
  await store.create(
    'Binding',
    subscriptionBinding('worker', 4, {
      schedulingStrategy: 'Dividing',
      dividingScheduling: { type: 'Dynamic', dynamicDividing: { strategy: 'Spread' } },
      subscribers: [{ clusterAffinity: { matchLabels: { env: 'prod' } } }],
    }),
  );
  const manager = resolve(container, FailoverManager);
  await manager.start();
  return { clock, store, recorder, actuator, agents, degraded, manager, container };
}

type World = Awaited<ReturnType<typeof compose>>;

async function placement(world: World, name: string): Promise<Record<string, number>> {
  const binding = await world.store.get('Binding', `default/${name}`);
  return Object.fromEntries((binding?.spec.clusters ?? []).map((t) => [t.name, t.replicas]));
}

async function readyOf(world: World, name: string): Promise<string | undefined> {
  return (await world.store.get('Cluster', name))?.status?.conditions?.find(
    (c) => c.type === 'Ready',
  )?.status;
}

/** Stops member1's agent and darkens the cluster right after a heartbeat; returns that heartbeat. */
async function stopMember1(world: World): Promise<number> {
  const last = (await world.store.get('Cluster', 'member1'))?.status?.lastHeartbeatTime as number;
  world.agents.get('member1')?.stop();
  await world.actuator.failCluster('member1');
  return last;
}

/** Advances second by second until member1 is no longer Ready; returns when its condition changed. */
async function untilMember1Unknown(world: World, limitMs: number): Promise<number> {
  const until = world.clock.now() + limitMs;
  while (world.clock.now() < until) {
    await world.clock.advance(1_000);
    const ready = (await world.store.get('Cluster', 'member1'))?.status?.conditions?.find(
      (c) => c.type === 'Ready',
    );
    if (ready && ready.status !== 'True') return ready.lastTransitionTime;
  }
  throw new Error('member1 never left Ready');
}

describe('the seed scenario: workloads fail over from a cluster whose agent stopped', () => {
  let world: World;

  afterEach(async () => {
    for (const agent of world.agents.values()) agent.stop();
    await world.manager.stop();
    void world.container.dispose();
  });

  it('with FailOver on, moves every subscription to healthy clusters and leaves nothing behind after recovery', async () => {
    world = await compose({ FailOver: true });
    await world.clock.advance(90_000);
    expect(await placement(world, 'web')).toEqual({ member1: 2, member2: 2, member3: 2 });
    // Weights member1 2 (two subscribers match it), member2 1, member3 1: floor shares 3, 1, 1; the leftover goes to the heaviest.
    expect(await placement(world, 'api')).toEqual({ member1: 4, member2: 1, member3: 1 });
    // Equal predicted capacity: one each, the leftover to the first cluster.
    expect(await placement(world, 'worker')).toEqual({ member1: 2, member2: 1, member3: 1 });

    const lastHeartbeat = await stopMember1(world);
    const unknownAt = await untilMember1Unknown(world, 120_000);
    expect(unknownAt - lastHeartbeat).toBeGreaterThan(60_000);
    expect(unknownAt - lastHeartbeat).toBeLessThanOrEqual(80_000);
    const dark = await world.store.get('Cluster', 'member1');
    expect(dark?.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'Unknown',
      reason: 'ClusterStatusUnknown',
    });
    expect(dark?.status).toMatchObject({ healthz: false, livez: false, readyz: false });

    await world.clock.advance(30_000);
    const tainted = await world.store.get('Cluster', 'member1');
    expect(tainted?.spec.taints).toEqual([
      { key: TAINT, value: 'ClusterStatusUnknown', effect: 'NoSchedule', timeAdded: unknownAt },
    ]);
    expect(await placement(world, 'web')).toEqual({ member2: 2, member3: 2 });
    expect(await placement(world, 'api')).toEqual({ member2: 3, member3: 3 });
    expect(await placement(world, 'worker')).toEqual({ member2: 2, member3: 2 });
    expect(world.actuator.readyReplicas('default/api')).toBe(6);
    expect(world.actuator.readyReplicas('default/worker')).toBe(4);
    expect(world.actuator.runningReplicas('default/web')).toEqual({ member2: 2, member3: 2 });
    expect(
      world.recorder
        .withReason('EvictionStarted')
        .map((e) => e.key)
        .sort(),
    ).toEqual(['default/api', 'default/web', 'default/worker']);

    await world.actuator.recoverCluster('member1');
    await world.agents.get('member1')?.start();
    await world.clock.advance(60_000);
    const back = await world.store.get('Cluster', 'member1');
    expect(back?.spec.taints ?? []).toEqual([]);
    expect(await readyOf(world, 'member1')).toBe('True');
    // Dividing stays on the survivors and member1 runs nothing of it; Replication binds every
    // feasible cluster again, so member1 runs a fresh full copy, and nothing else.
    expect(await placement(world, 'api')).toEqual({ member2: 3, member3: 3 });
    expect(world.actuator.runningReplicas('default/api')).toEqual({ member2: 3, member3: 3 });
    expect(world.actuator.runningReplicas('default/worker')).toEqual({ member2: 2, member3: 2 });
    expect(await placement(world, 'web')).toEqual({ member1: 2, member2: 2, member3: 2 });
    expect(world.actuator.runningReplicas('default/web')).toEqual({
      member1: 2,
      member2: 2,
      member3: 2,
    });
    const api = await world.store.get('Binding', 'default/api');
    expect(api?.spec.evictionTasks ?? []).toEqual([]);
  });

  it('with FailOver off, taints the cluster but leaves the placement where it was', async () => {
    world = await compose({ FailOver: false });
    await world.clock.advance(90_000);
    const before = {
      web: await placement(world, 'web'),
      api: await placement(world, 'api'),
      worker: await placement(world, 'worker'),
    };
    expect(before).toEqual({
      web: { member1: 2, member2: 2, member3: 2 },
      api: { member1: 4, member2: 1, member3: 1 },
      worker: { member1: 2, member2: 1, member3: 1 },
    });

    const lastHeartbeat = await stopMember1(world);
    const unknownAt = await untilMember1Unknown(world, 120_000);
    expect(unknownAt - lastHeartbeat).toBeGreaterThan(60_000);
    expect(unknownAt - lastHeartbeat).toBeLessThanOrEqual(80_000);
    await world.clock.advance(120_000);

    expect((await world.store.get('Cluster', 'member1'))?.spec.taints?.map((t) => t.key)).toEqual([
      TAINT,
    ]);
    expect({
      web: await placement(world, 'web'),
      api: await placement(world, 'api'),
      worker: await placement(world, 'worker'),
    }).toEqual(before);
    expect(world.recorder.withReason('EvictionStarted')).toEqual([]);
  });
  it('with FailOver on, moves workloads off a cluster whose agent reports its apiserver not ready, at the next heartbeat', async () => {
    world = await compose({ FailOver: true });
    await world.clock.advance(90_000);
    world.degraded.add('member2');
    await world.clock.advance(20_000);
    const degraded = await world.store.get('Cluster', 'member2');
    expect(degraded?.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ManagedClusterNotReady',
    });
    expect(degraded?.spec.taints?.map((t) => [t.key, t.value])).toEqual([
      [TAINT, 'ManagedClusterNotReady'],
    ]);
    await world.clock.advance(30_000);
    expect(await placement(world, 'web')).toEqual({ member1: 2, member3: 2 });
    expect(await placement(world, 'api')).toEqual({ member1: 4, member3: 2 });

    world.degraded.delete('member2');
    await world.clock.advance(20_000);
    expect((await world.store.get('Cluster', 'member2'))?.spec.taints ?? []).toEqual([]);
    expect(await placement(world, 'web')).toEqual({ member1: 2, member2: 2, member3: 2 });
  });

  it('with a manual cordon under the maintenance key, moves workloads off and the tainter leaves the cordon alone', async () => {
    world = await compose({ FailOver: true });
    await world.clock.advance(90_000);
    const stored = (await world.store.get('Cluster', 'member3')) as Cluster;
    await world.store.update('Cluster', {
      ...stored,
      spec: {
        ...stored.spec,
        taints: [
          { key: 'lifeboat.dev/maintenance', effect: 'NoSchedule', timeAdded: world.clock.now() },
        ],
      },
    });
    await world.clock.advance(60_000);
    expect(await placement(world, 'web')).toEqual({ member1: 2, member2: 2 });
    expect(await placement(world, 'api')).toEqual({ member1: 4, member2: 2 });
    expect((await world.store.get('Cluster', 'member3'))?.spec.taints?.map((t) => t.key)).toEqual([
      'lifeboat.dev/maintenance',
    ]);
  });

  it('with keepOldReplicasUntilReady, keeps the old replicas until the new ones are ready', async () => {
    world = await compose({ FailOver: true }, { keepOldReplicasUntilReady: true });
    await world.clock.advance(90_000);
    world.agents.get('member1')?.stop();
    await untilMember1Unknown(world, 120_000);
    const started = world.recorder
      .withReason('EvictionStarted')
      .find((e) => e.key === 'default/api');
    expect(started?.message).toContain('(Gracefully)');
    // The new replicas on the survivors take 10 s to start; until then member1 keeps its copy.
    expect(world.actuator.runningReplicas('default/api')).toEqual({
      member1: 4,
      member2: 3,
      member3: 3,
    });
    await world.clock.advance(15_000);
    expect(world.actuator.runningReplicas('default/api')).toEqual({ member2: 3, member3: 3 });
    expect(
      world.recorder.withReason('EvictionCompleted').find((e) => e.key === 'default/api')?.message,
    ).toBe('left member1 (NewPlacementReady)');
  });
  it('with honorTolerationSeconds, a subscription tolerating the taint for 2 minutes leaves only then', async () => {
    world = await compose({ FailOver: true }, { honorTolerationSeconds: true });
    await world.store.create(
      'Binding',
      subscriptionBinding('patient', 2, {
        subscribers: [{ clusterAffinity: { matchLabels: { name: 'member1' } } }],
        clusterTolerations: [
          { key: TAINT, operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 120 },
        ],
      }),
    );
    await world.clock.advance(90_000);
    expect(await placement(world, 'patient')).toEqual({ member1: 2 });
    await stopMember1(world);
    const unknownAt = await untilMember1Unknown(world, 120_000);
    await world.clock.advance(60_000);
    expect(await placement(world, 'patient')).toEqual({ member1: 2 });
    expect(await placement(world, 'web')).toEqual({ member2: 2, member3: 2 });
    await world.clock.advance(unknownAt + 120_000 - world.clock.now());
    const left = world.recorder
      .withReason('EvictionStarted')
      .find((e) => e.key === 'default/patient');
    expect(left?.time).toBe(unknownAt + 120_000);
    expect(await placement(world, 'patient')).toEqual({});
  });
});
