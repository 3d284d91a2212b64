import { ProcessFleet, addressOf, ensureBuilt, realClock, waitFor } from './process-fleet';

// A status report that fails while etcd is down lands once etcd is back, with nothing else
// changing: no controller runs and the test places the binding itself, so nothing else writes
// after the restart and the report in etcd can only come from the agent retrying.

let fleet: ProcessFleet | undefined;

beforeAll(() => ensureBuilt(), 300_000);
afterAll(async () => fleet?.dispose(), 30_000);

const WORKLOAD = `
apiVersion: lifeboat.dev/v1alpha1
kind: Workloads
spec:
  flavor: karmada
  workloads:
    - name: web
      replicas: 2
      startupSeconds: 3
      placement:
        clusterAffinity: {clusterNames: [member1]}
        replicaScheduling: {replicaSchedulingType: Duplicated}
`;

it('a report lost in an etcd outage is retried and lands after etcd returns, with no other change', async () => {
  fleet = await ProcessFleet.start('karmada');
  const f = fleet;
  const agent = f.agent('member1');
  await waitFor('the agent to register', 15_000, () => addressOf(agent));
  expect(f.apply(WORKLOAD)).toBe('binding default/web created\n');
  // The test is the scheduler here: two replicas on member1.
  const applied = await f.store.get('Binding', 'default/web');
  if (!applied) throw new Error('binding default/web missing');
  await f.store.update('Binding', {
    ...applied,
    spec: { ...applied.spec, clusters: [{ name: 'member1', replicas: 2 }] },
  });
  // The agent's own report key of the binding (the leader would copy it into the binding).
  const report = async () =>
    (await f.client.get('/lifeboat/Report/member1/default/web').json()) as {
      health?: string;
    } | null;
  // The first report (starting, none ready) lands while etcd is up.
  await waitFor('the starting report', 10_000, async () => (await report())?.health === 'Unknown');
  const before = await f.store.get('Binding', 'default/web');

  await f.etcd.kill();
  await waitFor('the replicas to be ready while etcd is down', 10_000, () =>
    agent.logs('replicas ready').some((l) => l.binding === 'default/web'),
  );
  await waitFor('the ready report to fail', 10_000, () =>
    agent
      .logs('reporting workload health failed; retrying')
      .some((l) => (l.bindings as string[] | undefined)?.includes('default/web')),
  );
  await realClock.sleep(2_000); // real time: etcd stays away across more than one retry
  await f.etcd.resume();

  expect(
    await waitFor('the retried report to land', 20_000, async () => {
      const item = await report();
      return item?.health === 'Healthy' && item;
    }),
  ).toMatchObject({ clusterName: 'member1', applied: true, health: 'Healthy', readyReplicas: 2 });
  const after = await f.store.get('Binding', 'default/web');
  // The binding itself is untouched: agents report beside it, never into it.
  expect(after).toEqual(before);
  expect(agent.exitCode).toBeUndefined();
}, 90_000);
