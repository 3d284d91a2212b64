import { loadScenario, runScenario, type SimulationReport } from '@lifeboat/simulator';
import { karmadaSimulationFlavor } from '../simulation/karmada-simulation-flavor';

// Karmada #6518: big (24 CPU) holds 24 Aggregated workloads of 2 × 500m, 48 replicas; it fails
// and every workload is evicted in the same instant (no rate limit). The survivors can take 20,
// 16 and 12 replicas. The workloads start empty and grow to 2 while s1..s3 are cordoned, so
// every one is on big.
const names = Array.from({ length: 24 }, (_, i) => `w${String(i).padStart(2, '0')}`);
const workloads = names
  .map(
    (name) => `
    - name: ${name}
      replicas: 0
      resources: { cpu: 500m, memory: 256Mi }
      placement:
        replicaScheduling: { replicaSchedulingType: Divided, replicaDivisionPreference: Aggregated }
      failover:
        cluster: { purgeMode: Directly }`,
  )
  .join('');
const scales = names
  .map((name) => `\n    - { at: 10s, action: scale, workload: ${name}, replicas: 2 }`)
  .join('');
const STORM = `
apiVersion: lifeboat.dev/v1alpha1
kind: Scenario
metadata: { name: failover-storm }
spec:
  flavor: karmada
  duration: 10m
  settings: { resourceEvictionRate: 1000 }
  clusters:
    - { name: big, capacity: { cpu: '24', memory: 96Gi, pods: 110 } }
    - { name: s1, capacity: { cpu: '10', memory: 40Gi, pods: 110 } }
    - { name: s2, capacity: { cpu: '8', memory: 32Gi, pods: 110 } }
    - { name: s3, capacity: { cpu: '6', memory: 24Gi, pods: 110 } }
  workloads:${workloads}
  events:
    - { at: 0s, action: cordon, cluster: s1 }
    - { at: 0s, action: cordon, cluster: s2 }
    - { at: 0s, action: cordon, cluster: s3 }${scales}
    - { at: 1m, action: uncordon, cluster: s1 }
    - { at: 1m, action: uncordon, cluster: s2 }
    - { at: 1m, action: uncordon, cluster: s3 }
    - { at: 2m, action: fail, cluster: big }
`;

const run = (assumedReplicasTtlMs?: number) =>
  runScenario(loadScenario(STORM, [karmadaSimulationFlavor]), {
    core: { scheduler: assumedReplicasTtlMs === undefined ? {} : { assumedReplicasTtlMs } },
  });

/** Replicas placed per cluster, over every workload. */
function placedPerCluster(report: SimulationReport): Record<string, number> {
  const placed: Record<string, number> = {};
  for (const w of Object.values(report.workloads))
    for (const [cluster, n] of Object.entries(w.placement))
      placed[cluster] = (placed[cluster] ?? 0) + n;
  return placed;
}

describe('a failover storm (Karmada #6518)', () => {
  it('gives no survivor more than it can hold: each decision counts what the earlier ones placed', async () => {
    const report = await run();
    const moved = report.timeline.filter((e) => e.type === 'Scheduled' && e.t >= 120);
    expect(moved).toHaveLength(24);
    expect(placedPerCluster(report)).toEqual({ s1: 20, s2: 16, s3: 12 });
    for (const w of Object.values(report.workloads)) expect(w.readyReplicas).toBe(2);
  }, 60_000);

  it('without the assumptions overcommits one survivor, and the fleet shows it: replicas stay Pending', async () => {
    // A zero lifetime drops every assumption at once: each decision reads the stale status.
    const report = await run(0);
    // 23 of the 24 land on s1, 10 CPU for 23 CPU of replicas (the last one after s1 reported).
    expect(placedPerCluster(report)).toEqual({ s1: 46, s2: 2 });
    const ready = Object.values(report.workloads).reduce((sum, w) => sum + w.readyReplicas, 0);
    // s1 runs only what fits (20 replicas); the other 26 it was given stay Pending.
    expect(ready).toBe(2 + 20);
    expect(
      Object.values(report.workloads).filter((w) => w.readyReplicas < 2).length,
    ).toBeGreaterThan(0);
  }, 60_000);
});
