import { VirtualClock } from '@lifeboat/core';
import { KubernetesApiDouble } from './kubernetes-api-double';
import type { KubeObject } from './object-store';

const deployment = (replicas: number, cpu = '1') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas,
    progressDeadlineSeconds: 60,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu } } }] },
    },
  },
});

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the workload stand-in inside the API double', () => {
  let clock: VirtualClock;
  let double: KubernetesApiDouble;
  const status = () =>
    double.find('apps/v1', 'Deployment', 'default', 'web')?.status as Record<string, unknown>;
  const condition = (type: string) =>
    (status().conditions as { type: string; status: string; reason: string }[]).find(
      (c) => c.type === type,
    );

  beforeEach(async () => {
    clock = new VirtualClock(Date.parse('2026-01-01T00:00:00Z'));
    double = await KubernetesApiDouble.start({
      clock,
      nodes: [
        { name: 'n1', cpu: '2' },
        { name: 'n2', cpu: '2' },
      ],
      workloads: { startupDelayMs: 5_000 },
    });
  });

  afterEach(() => double.stop());

  it('makes replicas ready after the start-up delay and reports Available', async () => {
    double.create(deployment(3));
    await flush();
    expect(status()).toMatchObject({ replicas: 3, updatedReplicas: 3, unavailableReplicas: 3 });
    expect(status().readyReplicas).toBeUndefined();
    expect(condition('Available')?.status).toBe('False');
    await clock.advance(5_000);
    await flush();
    expect(status()).toMatchObject({
      readyReplicas: 3,
      availableReplicas: 3,
      observedGeneration: 1,
    });
    expect(condition('Available')).toMatchObject({
      status: 'True',
      reason: 'MinimumReplicasAvailable',
    });
    expect(condition('Progressing')).toMatchObject({
      status: 'True',
      reason: 'NewReplicaSetAvailable',
    });
  });

  it('leaves a replica that fits no node Pending and Unschedulable', async () => {
    double.create(deployment(5));
    await flush();
    await clock.advance(5_000);
    await flush();
    const pods = double.api.list(double.registry.findKind('v1', 'Pod')!, 'default').items;
    const pending = pods.filter((p: KubeObject) => !(p.spec as { nodeName?: string }).nodeName);
    expect(pods).toHaveLength(5);
    expect(pending).toHaveLength(1);
    expect(status().readyReplicas).toBe(4);
  });

  it('reports a hanging rollout as ProgressDeadlineExceeded, and crashing replicas as not available', async () => {
    double.workloads.setFault('hang');
    double.create(deployment(2));
    await flush();
    await clock.advance(60_000);
    await flush();
    expect(condition('Progressing')).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
    });
    double.workloads.setFault('none');
    await flush();
    await clock.advance(5_000);
    await flush();
    expect(status().readyReplicas).toBe(2);
    double.workloads.setFault('fail', { kind: 'Deployment', namespace: 'default', name: 'web' });
    await flush();
    expect(status().readyReplicas).toBeUndefined();
    expect(condition('Available')?.status).toBe('False');
  });

  it('freezes a partitioned workload: scaling reaches no pod and no status', async () => {
    double.create(deployment(1));
    await flush();
    await clock.advance(5_000);
    await flush();
    double.workloads.setFault('partition');
    const type = double.registry.findKind('apps/v1', 'Deployment')!;
    double.api.patch(
      type,
      'default',
      'web',
      (live) => ({ ...live, spec: { ...(live.spec as object), replicas: 2 } }),
      {
        manager: 'test',
      },
    );
    await flush();
    await clock.advance(10_000);
    await flush();
    expect(status()).toMatchObject({ replicas: 1, readyReplicas: 1, observedGeneration: 1 });
  });
});
