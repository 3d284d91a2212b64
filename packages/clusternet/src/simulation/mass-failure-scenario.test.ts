import { loadScenario, runScenario, type SimulationReport } from '@lifeboat/simulator';
import { clusternetSimulationFlavor } from './clusternet-simulation-flavor';

const MEMBERS = ['member1', 'member2', 'member3', 'member4', 'member5'];

// Five members with a web subscription divided over all of them; the agents of member1..4 go
// silent at the same moment (and come back at 12m). Their heartbeats run in their own phases,
// so the lifecycle controller declares them Unknown up to one heartbeat apart: the guard counts
// the silent ones with the first declared.
function scenario(featureGates: string): string {
  return `
apiVersion: lifeboat.dev/v1alpha1
kind: Scenario
metadata: { name: clusternet-mass-failure }
spec:
  flavor: clusternet
  duration: 20m
  featureGates: ${featureGates}
  settings: { clusterStatusUpdateFrequency: 20s, clusterStatusCollectFrequency: 20s }
  clusters:
${MEMBERS.map((m) => `    - { name: ${m}, labels: { env: prod }, capacity: { cpu: '8', pods: 110 } }`).join('\n')}
  workloads:
    - name: web
      replicas: 5
      resources: { cpu: 250m }
      subscription:
        schedulingStrategy: Dividing
        dividingScheduling: { type: Static }
        subscribers: [{ clusterAffinity: { matchLabels: { env: prod } }, weight: 1 }]
  events:
${MEMBERS.slice(0, 4)
  .map(
    (m) =>
      `    - { at: 3m, action: fail, cluster: ${m} }\n    - { at: 12m, action: recover, cluster: ${m} }`,
  )
  .join('\n')}
`;
}

async function run(featureGates: string): Promise<SimulationReport> {
  return runScenario(loadScenario(scenario(featureGates), [clusternetSimulationFlavor]));
}

describe('four of five Clusternet members fall silent at once', () => {
  it('with the guard (default) marks them unschedulable but evicts nothing, and resumes when they are back', async () => {
    const report = await run('{ FailOver: true }');
    const types = (type: string) => report.timeline.filter((e) => e.type === type);
    expect(types('EvictionStarted')).toEqual([]);
    expect(types('TaintAdded')).toHaveLength(4);
    const firstDeclared = types('ClusterReadyChanged').find(
      (e) => e.type === 'ClusterReadyChanged' && e.status === 'Unknown',
    );
    expect(types('EvictionsPaused')).toEqual([
      expect.objectContaining({ t: firstDeclared?.t, scope: 'Fleet', notReady: 4, clusters: 5 }),
    ]);
    expect(types('EvictionsResumed')).toEqual([
      expect.objectContaining({ scope: 'Fleet', notReady: 0, clusters: 5 }),
    ]);
    expect(report.workloads['default/web']).toMatchObject({
      placement: Object.fromEntries(MEMBERS.map((m) => [m, 1])),
      readyReplicas: 5,
    });
  });

  it('with MassFailureGuard=false moves web off each member as it is declared', async () => {
    const report = await run('{ FailOver: true, MassFailureGuard: false }');
    const started = report.timeline.filter((e) => e.type === 'EvictionStarted');
    expect(started.map((e) => ('cluster' in e ? e.cluster : '')).sort()).toEqual(
      MEMBERS.slice(0, 4),
    );
    expect(report.timeline.filter((e) => e.type === 'EvictionsPaused')).toEqual([]);
  });
});
