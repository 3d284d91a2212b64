import { ValidationError } from '@lifeboat/core';
import { loadScenario, runScenario } from '@lifeboat/simulator';
import { karmadaSimulationFlavor } from './karmada-simulation-flavor';

// A member1 failure with the failure threshold written as a Go duration; member3 is a Pull
// cluster, so its karmada-agent (lease and status) runs on the fleet too.
const scenario = (settings: string) => `
apiVersion: lifeboat.dev/v1alpha1
kind: Scenario
metadata: { name: karmada-from-code }
spec:
  flavor: karmada
  duration: 10m
  settings: ${settings}
  clusters:
    - { name: member1, capacity: { cpu: '8', pods: 110 } }
    - { name: member2, capacity: { cpu: '8', pods: 110 } }
    - { name: member3, syncMode: Pull, capacity: { cpu: '8', pods: 110 } }
  workloads:
    - name: foo
      replicas: 2
      resources: { cpu: 500m }
      placement:
        clusterAffinity: { clusterNames: [member1, member2] }
        replicaScheduling: { replicaSchedulingType: Divided, replicaDivisionPreference: Weighted }
  events:
    - { at: 2m, action: fail, cluster: member1 }
    - { at: 3m, action: fail, cluster: member3 }
`;

describe('karmadaSimulationFlavor, from code without the CLI', () => {
  it('runs a scenario: member1 is detected after the 1m30s threshold and foo moves to member2', async () => {
    const loaded = loadScenario(scenario('{ clusterFailureThreshold: 1m30s }'), [
      karmadaSimulationFlavor,
    ]);
    const report = await runScenario(loaded);
    const [detection] = report.clusters['member1']?.detections ?? [];
    expect(detection?.at).toBe(120);
    // Ready leaves True once the probes (every 10 s) have failed for the threshold.
    expect(detection?.detectionSeconds).toBeGreaterThanOrEqual(90);
    expect(detection?.detectionSeconds).toBeLessThanOrEqual(100);
    expect(report.workloads['default/foo']).toMatchObject({
      placement: { member2: 2 },
      readyReplicas: 2,
    });
  });

  it('notices a Pull cluster whose agent stopped renewing its lease', async () => {
    const report = await runScenario(
      loadScenario(scenario('{ clusterMonitorGracePeriod: 40s }'), [karmadaSimulationFlavor]),
    );
    const [detection] = report.clusters['member3']?.detections ?? [];
    expect(detection?.at).toBe(180);
    expect(detection?.detectionSeconds).toBeGreaterThan(0);
    expect(report.clusters['member3']?.ready).toBe('Unknown');
  });

  it('refuses a bad setting at its scenario path', () => {
    expect(() =>
      loadScenario(scenario('{ clusterMonitorPeriod: 0s, gracefulEvictionTimeout: 999999h }'), [
        karmadaSimulationFlavor,
      ]),
    ).toThrow(
      new ValidationError([
        {
          path: 'spec.settings.clusterMonitorPeriod',
          message: 'duration "0s" is below the minimum 100ms',
        },
        {
          path: 'spec.settings.gracefulEvictionTimeout',
          message: `duration "999999h" is above the maximum 596h31m23.647s (Node's timer limit)`,
        },
      ]),
    );
  });
});
