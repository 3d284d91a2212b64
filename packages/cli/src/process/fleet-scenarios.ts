import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ProcessFleet,
  addressOf,
  readyStatus,
  unsettled,
  waitFor,
  type LifeboatProcess,
} from './process-fleet';

/**
 * TEST HARNESS (not shipped): the fleet the process tests share: three agents (member1-3), two
 * controllers and two workloads (`web` leaves gracefully, `api` directly), in either flavour,
 * started and settled, with the check that it has settled again.
 */

export const CLUSTERS = ['member1', 'member2', 'member3'];

/** Two workloads: `web` leaves gracefully (old replicas kept until the new ones are ready), `api` directly. */
export const workloads = (webReplicas: number, startupSeconds: number) => `
apiVersion: lifeboat.dev/v1alpha1
kind: Workloads
spec:
  flavor: karmada
  workloads:
    - name: web
      replicas: ${webReplicas}
      resources: {cpu: 100m, memory: 128Mi}
      startupSeconds: ${startupSeconds}
      placement:
        clusterAffinity: {clusterNames: [member1, member2, member3]}
        replicaScheduling:
          replicaSchedulingType: Divided
          replicaDivisionPreference: Weighted
          weightPreference:
            staticWeightList:
              - {targetCluster: {clusterNames: [member1]}, weight: 2}
              - {targetCluster: {clusterNames: [member2]}, weight: 1}
              - {targetCluster: {clusterNames: [member3]}, weight: 1}
      failover: {cluster: {purgeMode: Gracefully}}
    - name: api
      replicas: 3
      startupSeconds: ${startupSeconds}
      placement:
        clusterAffinity: {clusterNames: [member1, member2, member3]}
        replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Weighted, weightPreference: {dynamicWeight: AvailableReplicas}}
      failover: {cluster: {purgeMode: Directly}}
`;

/** The same two workloads as Clusternet Subscriptions: static and dynamic dividing over the labelled members. */
export const clusternetWorkloads = (webReplicas = 6) => `
apiVersion: lifeboat.dev/v1alpha1
kind: Workloads
spec:
  flavor: clusternet
  workloads:
    - name: web
      replicas: ${webReplicas}
      resources: {cpu: 100m, memory: 128Mi}
      startupSeconds: 1
      subscription:
        schedulingStrategy: Dividing
        dividingScheduling: {type: Dynamic, dynamicDividing: {strategy: Spread}}
        subscribers: [{clusterAffinity: {matchLabels: {env: test}}}]
    - name: api
      replicas: 3
      startupSeconds: 1
      subscription:
        schedulingStrategy: Dividing
        dividingScheduling: {type: Static}
        subscribers: [{clusterAffinity: {matchLabels: {env: test}}, weight: 1}]
`;

export const EXPECTED = new Map([
  ['default/web', 6],
  ['default/api', 3],
]);

/** The two workloads in `flavor`'s shape, with `webReplicas` replicas of `web`. */
export function workloadsFor(
  flavor: 'karmada' | 'clusternet',
  webReplicas: number,
  startupSeconds = 1,
): string {
  return flavor === 'karmada'
    ? workloads(webReplicas, startupSeconds)
    : clusternetWorkloads(webReplicas);
}

export interface Running {
  readonly fleet: ProcessFleet;
  readonly agents: Map<string, LifeboatProcess>;
  readonly controllers: LifeboatProcess[];
  /** Cluster -> agent address, for the agents that are alive. */
  readonly live: Map<string, string>;
}

/** etcd, three agents, two controllers (`ctl-a` first, so it leads), the workloads applied and settled. */
export async function startSettledFleet(
  startupSeconds: number,
  flavor: 'karmada' | 'clusternet',
  /** Receives the fleet as soon as it exists, so a caller can dispose of it if starting fails. */
  started: (fleet: ProcessFleet) => void,
): Promise<Running> {
  const run = await startFleetOf(CLUSTERS, flavor, started);
  expect(run.fleet.apply(workloadsFor(flavor, 6, startupSeconds))).toBe(
    'binding default/web created\nbinding default/api created\n',
  );
  await waitFor(
    'the workloads to be placed and ready',
    20_000,
    async () => (await unsettled(run.fleet, run.live, EXPECTED)) === undefined,
  );
  return run;
}

/**
 * etcd, an agent for each of `clusters` (with `agentFlags` after the usual flags), two
 * controllers (`ctl-a` first, so it leads; with `controllerConfig` instead of the test
 * default), every cluster registered and Ready, nothing applied.
 */
export async function startFleetOf(
  clusters: readonly string[],
  flavor: 'karmada' | 'clusternet',
  started: (fleet: ProcessFleet) => void,
  options: { agentFlags?: readonly string[]; controllerConfig?: string } = {},
): Promise<Running> {
  const f = await ProcessFleet.start(flavor);
  started(f);
  if (options.controllerConfig !== undefined)
    writeFileSync(join(f.dir, 'controller.yaml'), options.controllerConfig);
  const agentFlags = options.agentFlags ?? [];
  // Agents and the first controller start together; ctl-b only once ctl-a leads, so the roles are known.
  const agents = new Map(clusters.map((c) => [c, f.agent(c, undefined, agentFlags)] as const));
  const controllers = [f.controller('ctl-a')];
  const live = new Map<string, string>();
  await Promise.all([
    ...[...agents].map(async ([cluster, agent]) =>
      live.set(
        cluster,
        await waitFor(`agent ${cluster} to register`, 15_000, () => addressOf(agent)),
      ),
    ),
    waitFor('ctl-a to lead', 15_000, async () => (await f.readElectionHolder()) === 'ctl-a'),
  ]);
  controllers.push(f.controller('ctl-b'));
  await waitFor(
    'every cluster Ready',
    15_000,
    async () =>
      (await f.clusters()).filter((c) => readyStatus(c) === 'True').length === clusters.length,
  );
  await waitFor(
    'ctl-b to stand by',
    15_000,
    () => controllers[1]?.logs('campaigning for leadership').length,
  );
  return { fleet: f, agents, controllers, live };
}

/**
 * Waits until the fleet is settled on `expected` (binding -> desired replicas; default the two
 * workloads), checking every `pollMs` (default 200 ms; a big fleet's check is a big read).
 */
export async function settledWithin(
  run: Running,
  ms: number,
  what: string,
  expected: ReadonlyMap<string, number> = EXPECTED,
  pollMs?: number,
): Promise<void> {
  try {
    await waitFor(
      what,
      ms,
      async () => (await unsettled(run.fleet, run.live, expected)) === undefined,
      pollMs,
    );
  } catch (error) {
    throw new Error(
      `${(error as Error).message}: ${await unsettled(run.fleet, run.live, expected)}\n${run.fleet.describe()}`,
      { cause: error },
    );
  }
}

/** The cluster's taints as `key:Effect`. */
export async function taintsOf(run: Running, cluster: string): Promise<string[]> {
  const c = (await run.fleet.clusters()).find((x) => x.metadata.name === cluster);
  return (c?.spec.taints ?? []).map((t) => `${t.key}:${t.effect}`);
}

/** The taint a flavour puts on a cluster it found dead (Karmada: NoExecute, Clusternet: NoSchedule). */
export function deadTaint(flavor: 'karmada' | 'clusternet'): string {
  return flavor === 'karmada'
    ? 'cluster.karmada.io/not-ready:NoExecute'
    : 'clusters.clusternet.io/unschedulable:NoSchedule';
}

/** `kill -9` of the agents of `clusters`, all at once; they leave `run.live`. */
export function killAgents(run: Running, clusters: readonly string[]): void {
  for (const cluster of clusters) {
    run.agents.get(cluster)?.signal('SIGKILL');
    run.live.delete(cluster);
  }
}

/** Starts the agent of `cluster` again and waits until it is registered, Ready and untainted. */
export async function restartAgent(run: Running, cluster: string): Promise<void> {
  const agent = run.fleet.agent(cluster);
  run.agents.set(cluster, agent);
  const address = await waitFor(`agent ${cluster} to register again`, 15_000, () =>
    addressOf(agent),
  );
  await waitFor(`${cluster} Ready and untainted again`, 20_000, async () => {
    const c = (await run.fleet.clusters()).find((x) => x.metadata.name === cluster);
    return readyStatus(c) === 'True' && (c?.spec.taints ?? []).length === 0;
  });
  run.live.set(cluster, address);
}

/**
 * `lifeboat status --json` tells the truth: exit 0, and every binding's READY is its desired
 * count (the fleet is settled, so every replica is ready, and a dead cluster's last report is
 * not counted).
 */
export async function expectStatusTrue(
  run: Running,
  expected: ReadonlyMap<string, number> = EXPECTED,
): Promise<void> {
  const readyCounts = () => {
    const status = run.fleet.status('--json');
    expect(status.code).toBe(0);
    const view = JSON.parse(status.stdout) as {
      bindings: { key: string; desired: number; ready: number }[];
    };
    return {
      got: view.bindings.map((b) => [b.key, b.ready]),
      want: view.bindings.map((b) => [b.key, expected.get(b.key)]),
    };
  };
  // Agents retry a report that failed (backoff up to 8 s), so after an outage the stored counts
  // catch up with the fleet a few seconds after it settled; they must get there, not be there.
  await waitFor('status to count every ready replica', STATUS_CATCH_UP_MS, () => {
    const { got, want } = readyCounts();
    return JSON.stringify(got) === JSON.stringify(want);
  }).catch(() => undefined);
  const { got, want } = readyCounts();
  expect(got).toEqual(want);
}

/** Longer than the agents' longest report backoff (8 s). */
const STATUS_CATCH_UP_MS = 12_000;

/** The controller process that holds the election key now. */
export async function leader(run: Running): Promise<LifeboatProcess> {
  const holder = await run.fleet.readElectionHolder();
  const process = run.controllers.find((c) => c.name === holder);
  if (!process) throw new Error(`no controller of this fleet leads (holder: ${holder})`);
  return process;
}
