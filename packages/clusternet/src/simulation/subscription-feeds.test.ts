import { ValidationError } from '@lifeboat/core';
import { FEEDS_GROUP_KEY, loadScenario } from '@lifeboat/simulator';
import { clusternetSimulationFlavor } from './clusternet-simulation-flavor';

const scenario = (workloads: string) => `
apiVersion: lifeboat.dev/v1alpha1
kind: Scenario
metadata: { name: feeds }
spec:
  flavor: clusternet
  duration: 1m
  clusters: [{ name: member1, labels: { env: prod } }]
  workloads:
${workloads}
`;

const SUBSCRIPTION = `subscription:
        subscribers: [{ clusterAffinity: { matchLabels: { env: prod } } }]`;

function problems(text: string): string[] {
  try {
    loadScenario(text, [clusternetSimulationFlavor]);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

describe('a Subscription with several feeds', () => {
  it('gives its feeds its placement and puts all of them in one affinity group', () => {
    const loaded = loadScenario(
      scenario(`    - name: database
      replicas: 1
      ${SUBSCRIPTION}
        feeds:
          - { apiVersion: apps/v1, kind: Deployment, name: database }
          - { apiVersion: v1, kind: ConfigMap, name: config }
    - { name: config, kind: ConfigMap, replicas: 1 }
    - name: alone
      replicas: 1
      ${SUBSCRIPTION}`),
      [clusternetSimulationFlavor],
    );
    const [database, config, alone] = loaded.workloads;
    const group = { affinityGroup: `${FEEDS_GROUP_KEY}=database` };
    expect(database?.workloadAffinityGroups).toEqual(group);
    expect(config?.workloadAffinityGroups).toEqual(group);
    expect(config?.placement).toEqual(database?.placement);
    expect(alone?.workloadAffinityGroups).toBeUndefined();
  });

  it('refuses a feed naming no workload, a feed with its own subscription, and a workload with neither', () => {
    expect(
      problems(
        scenario(`    - name: database
      replicas: 1
      ${SUBSCRIPTION}
        feeds:
          - { apiVersion: v1, kind: ConfigMap, name: confg }
          - { apiVersion: apps/v1, kind: Deployment, name: server }
    - name: server
      replicas: 1
      ${SUBSCRIPTION}
    - { name: orphan, replicas: 1 }`),
      ),
    ).toEqual([
      'spec.workloads[0].subscription.feeds[0]: no workload of kind ConfigMap named default/confg in the file',
      'spec.workloads[0].subscription.feeds[1]: default/server (spec.workloads[1]) is already placed by its own fields; a workload belongs to one unit',
      expect.stringMatching(/^spec\.workloads\[2\]\.subscription/),
    ]);
  });
});
