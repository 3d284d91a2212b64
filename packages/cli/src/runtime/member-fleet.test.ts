import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ACTUATOR,
  InMemoryStateStore,
  RealClock,
  VirtualClock,
  resolve,
  type Binding,
} from '@lifeboat/core';
import { KubernetesApiDouble } from '@lifeboat/kubernetes';
import pino from 'pino';
import { container } from 'tsyringe';
import { stringify } from 'yaml';
import { parseControllerConfig } from './controller-config';
import { MemberFleet, type MemberTerm } from './member-fleet';
import { readWorkloadDocuments } from './template-workloads';
import { parseWorkloadsDocument } from './workloads-file';

// One member behind a Kubernetes API double on the virtual clock: the term's actuator and
// capacity refresh must come back every status period (clusterStatusUpdateFrequency), not only
// when a binding changes, or replicas that become ready after the apply are never reported.

const WORKLOADS = `
apiVersion: lifeboat.dev/v1alpha1
kind: Workloads
spec:
  flavor: karmada
  workloads:
    - template: {kind: Deployment, name: api}
      placement:
        clusterAffinity: {clusterNames: [member1]}
        replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Weighted}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  replicas: 2
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: api, image: api, resources: {requests: {cpu: 100m}}}]
`;

const clock = new VirtualClock(1_000_000);
/** Real time only to let the loopback HTTPS round trips finish; the test's time is virtual. */
const io = new RealClock();
let double: KubernetesApiDouble;
let dir: string;
let term: MemberTerm | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lifeboat-member-fleet-'));
  double = await KubernetesApiDouble.start({
    clock,
    clusterName: 'member1',
    workloads: { startupDelayMs: 100 },
  });
  writeFileSync(join(dir, 'member1.kubeconfig'), double.kubeconfig());
  writeFileSync(
    join(dir, 'members.yaml'),
    stringify({
      apiVersion: 'lifeboat.dev/v1alpha1',
      kind: 'Members',
      members: [{ name: 'member1', kubeconfig: join(dir, 'member1.kubeconfig'), region: 'r' }],
    }),
  );
});

afterEach(async () => {
  await term?.stop();
  term = undefined;
  await double.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Whether `check` holds once the IO in flight has completed (polled for at most ~5 s of real time). */
async function eventually(check: () => Promise<boolean> | boolean): Promise<boolean> {
  for (let i = 0; i < 250; i++) {
    if (await check()) return true;
    await io.sleep(20);
  }
  return false;
}

async function startTerm(store: InMemoryStateStore): Promise<MemberTerm> {
  const config = parseControllerConfig(
    { settings: { clusterStatusUpdateFrequency: '1s' }, probeTimeout: '5s' },
    'karmada',
  );
  const fleet = await MemberFleet.load(join(dir, 'members.yaml'), 'karmada', config, clock);
  const child = container.createChildContainer();
  const started = fleet.register(child, store, pino({ level: 'silent' }));
  await started.start();
  const cluster = await store.get('Cluster', 'member1');
  if (!cluster) throw new Error('member1 was not registered');
  // The actuator touches only Ready members; the detector that would say so is not running here.
  await store.update('Cluster', {
    ...cluster,
    status: {
      ...cluster.status,
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'ClusterReady',
          message: '',
          lastTransitionTime: clock.now(),
        },
      ],
    },
  });
  term = started;
  const actuator = resolve(child, ACTUATOR);
  const { document, manifests } = readWorkloadDocuments(WORKLOADS);
  const [api] = parseWorkloadsDocument(document, manifests).bindings as [Binding];
  await store.create('Binding', {
    ...api,
    spec: { ...api.spec, clusters: [{ name: 'member1', replicas: 2 }] },
  });
  await actuator.apply((await store.get('Binding', 'default/api')) as Binding);
  return started;
}

describe('MemberFleet: what a controller term runs against real members', () => {
  it('reads every copy back each status period, so replicas that become ready after the apply are reported', async () => {
    const store = new InMemoryStateStore();
    await startTerm(store);
    const health = async () =>
      (await store.get('Binding', 'default/api'))?.status?.aggregatedStatus?.map(
        (s) => `${s.clusterName}:${s.health}:${s.readyReplicas}`,
      );
    // Read back right after the apply: nothing is ready yet.
    expect(await health()).toEqual(['member1:Unknown:0']);
    await clock.advance(200);
    const ready = () =>
      (
        double.find('apps/v1', 'Deployment', 'default', 'api')?.['status'] as
          { readyReplicas?: number } | undefined
      )?.readyReplicas;
    expect(await eventually(() => ready() === 2)).toBe(true);
    expect(await health()).toEqual(['member1:Unknown:0']);
    // One status period later the actuator has read the copy again.
    await clock.advance(1_000);
    expect(await eventually(async () => (await health())?.[0] === 'member1:Healthy:2')).toBe(true);
  });

  it("refreshes each member's capacity every status period", async () => {
    const store = new InMemoryStateStore();
    await startTerm(store);
    const cpu = async () =>
      (await store.get('Cluster', 'member1'))?.status?.allocatable?.cpu?.toString();
    expect(await cpu()).toBe('8');
    double.addNode({ name: 'node-2', cpu: '4' });
    await clock.advance(1_000);
    expect(await eventually(async () => (await cpu()) === '12')).toBe(true);
  });
});
