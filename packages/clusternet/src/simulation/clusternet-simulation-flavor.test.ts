import { ValidationError } from '@lifeboat/core';
import { loadScenario, runScenario } from '@lifeboat/simulator';
import { clusternetSimulationFlavor } from './clusternet-simulation-flavor';

// member1's agent goes silent; heartbeats every 1m30s (a Go duration), so the lifecycle
// controller gives up on it after 3 x 1m30s.
const scenario = (settings: string) => `
apiVersion: lifeboat.dev/v1alpha1
kind: Scenario
metadata: { name: clusternet-from-code }
spec:
  flavor: clusternet
  duration: 20m
  featureGates: { FailOver: true }
  settings: ${settings}
  clusters:
    - { name: member1, labels: { env: prod }, capacity: { cpu: '8', pods: 110 } }
    - { name: member2, labels: { env: spare }, capacity: { cpu: '8', pods: 110 } }
  workloads:
    - name: web
      replicas: 2
      resources: { cpu: 250m }
      subscription:
        schedulingStrategy: Dividing
        dividingScheduling: { type: Static }
        subscribers:
          - { clusterAffinity: { matchLabels: { env: prod } }, weight: 2 }
          - { clusterAffinity: { matchLabels: { env: spare } }, weight: 1 }
  events:
    - { at: 3m, action: fail, cluster: member1 }
`;

describe('clusternetSimulationFlavor, from code without the CLI', () => {
  it('runs a scenario: member1 turns Unknown after 3 x the 1m30s heartbeat and web moves to member2', async () => {
    const settings = '{ clusterStatusUpdateFrequency: 1m30s, clusterStatusCollectFrequency: 30s }';
    const report = await runScenario(
      loadScenario(scenario(settings), [clusternetSimulationFlavor]),
    );
    const [detection] = report.clusters['member1']?.detections ?? [];
    expect(detection?.at).toBe(180);
    // The last heartbeat came at most 90 s before the failure; Unknown 270 s after it.
    expect(detection?.detectionSeconds).toBeGreaterThan(270 - 90);
    expect(detection?.detectionSeconds).toBeLessThanOrEqual(270);
    expect(report.clusters['member1']?.ready).toBe('Unknown');
    expect(report.workloads['default/web']).toMatchObject({
      placement: { member2: 2 },
      readyReplicas: 2,
    });
  });

  it('refuses a zero heartbeat period at its scenario path', () => {
    expect(() =>
      loadScenario(scenario('{ clusterStatusUpdateFrequency: 0 }'), [clusternetSimulationFlavor]),
    ).toThrow(
      new ValidationError([
        {
          path: 'spec.settings.clusterStatusUpdateFrequency',
          message: 'duration 0s is below the minimum 100ms',
        },
      ]),
    );
  });
});
