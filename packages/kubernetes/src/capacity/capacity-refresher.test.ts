import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryStateStore, Quantity, VirtualClock, type ResourceList } from '@lifeboat/core';
import { MemberClient } from '../members/member-client';
import { memberFromKubeconfig } from '../members/member-kubeconfig';
import { registerMembers } from '../members/member-registration';
import { KubernetesApiDouble } from '../testing/kubernetes-api-double';
import { CapacityRefresher } from './capacity-refresher';
import { readMemberCapacity } from './member-capacity';

let double: KubernetesApiDouble;
let dir: string;
const clock = new VirtualClock(0);

beforeAll(async () => {
  double = await KubernetesApiDouble.start({ clock, nodes: [], workloads: { startupDelayMs: 10 } });
  dir = mkdtempSync(join(tmpdir(), 'lifeboat-capacity-'));
  double.addNode({
    name: 'a',
    cpu: '4',
    memory: '8Gi',
    labels: {
      'topology.kubernetes.io/region': 'eu-west',
      'topology.kubernetes.io/zone': 'eu-west-1',
    },
  });
  double.addNode({
    name: 'b',
    cpu: '4',
    memory: '8Gi',
    labels: {
      'topology.kubernetes.io/region': 'eu-west',
      'topology.kubernetes.io/zone': 'eu-west-2',
    },
  });
  double.addNode({ name: 'cordoned', cpu: '64', unschedulable: true });
  double.addNode({ name: 'down', cpu: '64', ready: false });
});
afterAll(async () => {
  await double.stop();
  rmSync(dir, { recursive: true, force: true });
});

function client(declared: { region?: string } = {}): MemberClient {
  const text = double.kubeconfig();
  const source = join(dir, 'member.yaml');
  writeFileSync(source, text);
  return new MemberClient(
    memberFromKubeconfig(
      { name: 'member1', kubeconfig: source, ...declared },
      text,
      source,
      'members[0]',
    ),
    clock,
    { timeoutMs: 500 },
  );
}

const text = (list: ResourceList | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(list ?? {}).map(([k, q]) => [k, q.toString()]));

describe('member capacity against the API double', () => {
  it('sums the ready, schedulable nodes and subtracts what the pods on them request', async () => {
    double.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'busy', namespace: 'default' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'busy' } },
        template: {
          metadata: { labels: { app: 'busy' } },
          spec: {
            containers: [
              { name: 'c', image: 'x', resources: { requests: { cpu: '500m', memory: '1Gi' } } },
            ],
          },
        },
      },
    });
    await clock.advance(50);
    const capacity = await readMemberCapacity(client());
    if (!capacity.known) throw new Error(capacity.reason);
    expect(capacity.summary.nodes).toEqual({ total: 4, ready: 2 });
    expect(capacity.summary.allocatable.cpu?.cmp(Quantity.parse('8'))).toBe(0);
    expect(capacity.summary.allocated.cpu?.cmp(Quantity.parse('1500m'))).toBe(0);
    expect(capacity.summary.allocated.pods?.cmp(Quantity.fromUnits(3))).toBe(0);
    expect(capacity.location).toEqual({ region: 'eu-west', zones: ['eu-west-1', 'eu-west-2'] });
  });

  it("writes the summary and the nodes' location into the Cluster, and keeps them while the member cannot be read", async () => {
    const store = new InMemoryStateStore();
    const member = client();
    await registerMembers(store, [member.member]);
    const errors: string[] = [];
    const refresher = new CapacityRefresher(store, [member], clock, {
      periodMs: 1000,
      onError: (_m, message) => errors.push(message),
    });
    await refresher.start();
    const first = await store.get('Cluster', 'member1');
    expect(first?.spec).toMatchObject({
      syncMode: 'Push',
      apiEndpoint: double.url,
      region: 'eu-west',
      zones: ['eu-west-1', 'eu-west-2'],
    });
    expect(text(first?.status?.allocatable)).toMatchObject({ cpu: '8' });
    expect(text(first?.status?.allocated)).toMatchObject({ pods: '3' });

    await double.setNetwork('down');
    await clock.advance(1000);
    await refresher.refresh();
    expect(refresher.capacityOf('member1')).toEqual({
      known: false,
      reason: expect.stringContaining('member "member1"'),
    });
    expect(errors.length).toBeGreaterThan(0);
    // Unknown is not empty: the figures stay as they were read last.
    const dark = await store.get('Cluster', 'member1');
    expect(text(dark?.status?.allocatable)).toEqual(text(first?.status?.allocatable));
    await double.setNetwork('up');
    await refresher.stop();
  });

  it("lets a declared region win over the nodes' labels", async () => {
    const store = new InMemoryStateStore();
    const member = client({ region: 'declared' });
    await registerMembers(store, [member.member]);
    const refresher = new CapacityRefresher(store, [member], clock, { periodMs: 1000 });
    await refresher.start();
    await refresher.stop();
    expect((await store.get('Cluster', 'member1'))?.spec).toMatchObject({
      region: 'declared',
      zones: ['eu-west-1', 'eu-west-2'],
    });
  });
});
