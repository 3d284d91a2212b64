import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HUB_LEASE_TTL_MS, HubFleet } from './hub-double';
import { MemberDoubles, membersUnsettled } from './member-doubles';
import {
  DETECTION_MS,
  LEASE_TTL_MS,
  ProcessFleet,
  ensureBuilt,
  readyStatus,
  waitFor,
  watchForOverPlacement,
  type LifeboatProcess,
} from './process-fleet';

// Real processes: the BUILT `lifeboat` binary as two controllers with `--members`, their state on
// a hub cluster (a Kubernetes API double, `--kubeconfig`) or on a real etcd (`--etcd`), and three
// member clusters as Kubernetes API doubles (HTTPS on loopback, in this process; their workload
// stand-in makes replicas ready 300 ms after they are created). The controllers reach the members
// only through their kubeconfigs: probe, capacity, server-side apply, read-back.

const MEMBERS = ['member1', 'member2', 'member3'];

const WORKLOADS = `
apiVersion: lifeboat.dev/v1alpha1
kind: Workloads
spec:
  flavor: karmada
  workloads:
    - template: {kind: Deployment, name: web}
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
    - template: {kind: Deployment, name: api}
      placement:
        clusterAffinity: {clusterNames: [member1, member2, member3]}
        replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Weighted, weightPreference: {dynamicWeight: AvailableReplicas}}
      failover: {cluster: {purgeMode: Directly}}
---
${deployment('web', 6)}
---
${deployment('api', 3)}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: shared-config}
data: {greeting: hello}
`;

function deployment(name: string, replicas: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      volumes: [{name: config, configMap: {name: shared-config}}]
      containers:
        - name: ${name}
          image: registry.example/${name}:1
          resources: {requests: {cpu: 100m, memory: 128Mi}}`;
}

const EXPECTED = new Map([
  ['default/web', 6],
  ['default/api', 3],
]);

/** Where the controllers keep their state, as the test drives and reads it. */
type Backend = 'hub' | 'etcd';
type Fleet = Pick<
  ProcessFleet,
  'dir' | 'spawn' | 'bindings' | 'clusters' | 'readElectionHolder' | 'describe' | 'dispose'
> &
  Pick<HubFleet, 'apply' | 'status' | 'stateArgs'>;

async function startBackend(backend: Backend): Promise<Fleet> {
  if (backend === 'hub') return HubFleet.start();
  const fleet = await ProcessFleet.start('karmada');
  return {
    dir: fleet.dir,
    spawn: (name, args) => fleet.spawn(name, args),
    bindings: () => fleet.bindings(),
    clusters: () => fleet.clusters(),
    readElectionHolder: () => fleet.readElectionHolder(),
    describe: () => fleet.describe(),
    dispose: () => fleet.dispose(),
    apply: async (yaml) => fleet.apply(yaml),
    status: async (...flags) => fleet.status(...flags),
    stateArgs: () => ['--etcd', fleet.endpoint],
  };
}

interface Running {
  readonly fleet: Fleet;
  readonly members: MemberDoubles;
  readonly controllers: LifeboatProcess[];
  readonly dir: string;
  sampler?: { stop(): Promise<string[]> };
}

/**
 * Detection plus re-placement: the new copies applied, started (300 ms) and read back at the
 * next status period (1 s), with room for a loaded 2-core machine where member requests are slow.
 */
const MOVE_MS = DETECTION_MS + 12_000;

let running: Running | undefined;

beforeAll(() => ensureBuilt(), 300_000);

afterEach(async () => {
  if (!running) return;
  // A failed test never stopped its sampler; it must not poll on for minutes.
  await running.sampler?.stop();
  await running.fleet.dispose();
  await running.members.stop();
  rmSync(running.dir, { recursive: true, force: true });
  running = undefined;
}, 30_000);

function controller(run: Pick<Running, 'fleet' | 'members'>, id: string): LifeboatProcess {
  return run.fleet.spawn(id, [
    'controller',
    ...run.fleet.stateArgs(),
    '--flavor',
    'karmada',
    '--config',
    join(run.fleet.dir, 'controller.yaml'),
    '--id',
    id,
    '--members',
    run.members.membersFile,
  ]);
}

async function startFleet(backend: Backend): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'lifeboat-k8s-e2e-'));
  const fleet = await startBackend(backend);
  const members = await MemberDoubles.start(dir, MEMBERS);
  const controllers = [controller({ fleet, members }, 'ctl-a')];
  running = { fleet, members, controllers, dir };
  await waitFor(
    'ctl-a to lead',
    30_000,
    async () => (await fleet.readElectionHolder()) === 'ctl-a',
  );
  controllers.push(controller({ fleet, members }, 'ctl-b'));
  await waitFor(
    'every member Ready',
    30_000,
    async () => (await fleet.clusters()).filter((c) => readyStatus(c) === 'True').length === 3,
  );
  expect(await fleet.apply(WORKLOADS)).toBe(
    'binding default/web created\nbinding default/api created\n',
  );
  await settled(running, MEMBERS, 30_000, 'the workloads to run on the members');
  return running;
}

async function settled(
  run: Running,
  live: readonly string[],
  ms: number,
  what: string,
): Promise<void> {
  const why = async () => membersUnsettled(run.members, await run.fleet.bindings(), live, EXPECTED);
  try {
    await waitFor(what, ms, async () => (await why()) === undefined);
  } catch (error) {
    throw new Error(`${(error as Error).message}: ${await why()}\n${run.fleet.describe()}`, {
      cause: error,
    });
  }
}

/** The member holding most replicas, from what the members run. */
function busiest(run: Running): string {
  const totals = MEMBERS.map(
    (m) =>
      [
        m,
        [...run.members.lifeboatDeployments(m).values()].reduce((s, d) => s + d.replicas, 0),
      ] as const,
  );
  return [...totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] as string;
}

/** Nothing of Lifeboat's left on the member: no Deployment, and the ConfigMap they shared gone too. */
const gone = (run: Running, member: string): boolean =>
  run.members.lifeboatDeployments(member).size === 0 &&
  run.members.double(member).find('v1', 'ConfigMap', 'default', 'shared-config') === undefined;

const versions = (run: Running, member: string): string[] =>
  [...run.members.lifeboatDeployments(member)]
    .map(([k, d]) => `${k}@${d.resourceVersion}x${d.replicas}`)
    .sort();

describe('lifeboat controller --members: failover on member clusters behind Kubernetes API doubles', () => {
  it("on the hub: a member's API server stops, then its /readyz fails while the API answers: every replica runs elsewhere, its copies are untouched while it is not Ready and removed once it is back", async () => {
    const run = await startFleet('hub');
    const sampler = (run.sampler = watchForOverPlacement(run.fleet));

    // 1. The busiest member's API server goes down.
    const dark = busiest(run);
    const before = versions(run, dark);
    expect(before.length).toBeGreaterThan(0);
    await run.members.double(dark).setNetwork('down');
    const others = MEMBERS.filter((m) => m !== dark);
    await settled(run, others, MOVE_MS, `every replica of ${dark} to run on ${others.join(', ')}`);
    expect(versions(run, dark)).toEqual(before);
    await run.members.double(dark).setNetwork('up');
    await waitFor(`${dark}'s copies to be removed once it is back`, 15_000, () => gone(run, dark));
    await settled(run, MEMBERS, 10_000, 'the fleet to settle with the member back');

    // 2. Another member's /readyz fails while its API answers.
    const sick = busiest(run);
    const sickBefore = versions(run, sick);
    run.members.double(sick).setHealth({ readyz: false });
    const healthy = MEMBERS.filter((m) => m !== sick);
    await settled(
      run,
      healthy,
      MOVE_MS,
      `every replica of ${sick} to run on ${healthy.join(', ')}`,
    );
    expect(versions(run, sick)).toEqual(sickBefore);
    run.members.double(sick).setHealth({ readyz: true });
    await waitFor(`${sick}'s copies to be removed once it is Ready`, 15_000, () => gone(run, sick));

    expect(await sampler.stop()).toEqual([]);
    // The ConfigMap the templates reference is on exactly the members that run a copy.
    for (const m of MEMBERS)
      expect([
        m,
        run.members.double(m).find('v1', 'ConfigMap', 'default', 'shared-config') !== undefined,
      ]).toEqual([m, run.members.lifeboatDeployments(m).size > 0]);
  }, 120_000);

  it.each(['hub', 'etcd'] as const)(
    'on the %s: kill -9 of the leader mid-failover: the standby leads within the lease and finishes it, nothing lost or duplicated; lifeboat status names it',
    async (backend) => {
      const run = await startFleet(backend);
      const sampler = (run.sampler = watchForOverPlacement(run.fleet));
      const dark = busiest(run);
      await run.members.double(dark).setNetwork('down');
      await waitFor(
        `${dark} to be not Ready`,
        DETECTION_MS + 3_000,
        async () =>
          readyStatus((await run.fleet.clusters()).find((c) => c.metadata.name === dark)) ===
          'False',
      );
      run.controllers[0]?.signal('SIGKILL');
      await waitFor(
        'ctl-b to lead',
        (backend === 'hub' ? HUB_LEASE_TTL_MS : LEASE_TTL_MS) + 3_000,
        async () => (await run.fleet.readElectionHolder()) === 'ctl-b',
      );
      const others = MEMBERS.filter((m) => m !== dark);
      await settled(run, others, MOVE_MS, `ctl-b to finish moving ${dark}'s replicas`);
      expect(await sampler.stop()).toEqual([]);
      // `lifeboat status --kubeconfig` reads the hub (the etcd mode's status has its own tests).
      if (backend === 'hub') {
        const status = await run.fleet.status('--json');
        expect(status.code).toBe(0);
        const view = JSON.parse(status.stdout) as {
          controller?: { holder: string };
          bindings: { key: string; desired: number; placement: Record<string, number> }[];
        };
        expect(view.controller?.holder).toBe('ctl-b');
        // Placement, not readiness: a member's Ready may flap on a loaded machine while status runs.
        const placed = (b: { placement: Record<string, number> }): number =>
          Object.entries(b.placement)
            .filter(([name]) => name !== dark)
            .reduce((sum, [, n]) => sum + n, 0);
        expect(view.bindings.map((b) => [b.key, b.desired, placed(b)])).toEqual([
          ['default/api', 3, 3],
          ['default/web', 6, 6],
        ]);
      }
      await run.members.double(dark).setNetwork('up');
      await waitFor(`${dark}'s copies to be removed once it is back`, 15_000, () =>
        gone(run, dark),
      );
    },
    120_000,
  );
});
