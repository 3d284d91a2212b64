import { Quantity, ValidationError, type Binding, type Cluster } from '@lifeboat/core';
import pino from 'pino';
import { runScenario } from '../run/run-scenario';
import { loadScenario } from '../scenario/load-scenario';
import { testDoubleFlavor } from '../testing/test-double-flavor';
import { answerFromReport } from './answer-from-report';
import { fleetFromState } from './fleet-from-state';
import { runWhatIf } from './run-what-if';

// The controllers log retried write conflicts; the answers are what these tests read.
const core = { logger: pino({ level: 'silent' }) };

const scenarioText = (extra: { events?: string; duration?: string; workloads?: string } = {}) => `
apiVersion: lifeboat.dev/v1alpha1
kind: Scenario
metadata: {name: unit}
spec:
  flavor: test-double
  duration: ${extra.duration ?? '10m'}
  clusters:
    - {name: a, region: east, capacity: {cpu: '4', memory: 8Gi, pods: 10}}
    - {name: b, region: east, capacity: {cpu: '4', memory: 8Gi, pods: 10}}
    - {name: c, region: west, capacity: {cpu: '2', memory: 4Gi, pods: 10}}
  workloads: ${
    extra.workloads ??
    `
    - {name: web, replicas: 6, resources: {cpu: 500m, memory: 1Gi}, placement: {clusterNames: [a, b, c]}}
    - {name: db, namespace: data, replicas: 2, startupSeconds: 30, resources: {cpu: '1'}, placement: {clusterNames: [a]}}`
  }
  events: ${extra.events ?? '[]'}
`;

const load = (text: string) => loadScenario(text, [testDoubleFlavor]);

describe('runWhatIf on the test double', () => {
  it('re-places the failed cluster replicas and equals a simulation failing the same cluster', async () => {
    const answer = await runWhatIf(load(scenarioText()), { clusters: ['a'] }, { run: { core } });
    expect(answer.failed).toEqual(['a']);
    // One minute after the slowest start-up (db: 30 s).
    expect(answer.failedAt).toBe(90);
    expect(answer.until).toBe(90 + 3600);
    expect(answer.settled).toBe(true);
    expect(answer.workloads['default/web']?.placement).not.toHaveProperty('a');
    expect(answer.workloads['default/web']?.shortBy).toBe(0);
    expect(answer.workloads['data/db']).toMatchObject({ unschedulable: true, shortBy: 2 });

    // The same question written as a scenario file, run as `lifeboat simulate` would.
    const simulated = await runScenario(
      load(
        scenarioText({
          duration: `${answer.until}s`,
          events: `[{at: ${answer.failedAt}s, action: fail, cluster: a}]`,
        }),
      ),
      { core },
    );
    for (const [key, w] of Object.entries(simulated.workloads)) {
      expect(answer.workloads[key]).toEqual({
        desired: w.desired,
        placement: w.placement,
        ready: w.readyReplicas,
        unschedulable: w.unschedulable,
        shortBy: Math.max(0, w.desired - w.readyReplicas),
      });
    }
  });

  it("ignores the scenario's own events", async () => {
    const withEvents = scenarioText({ events: '[{at: 1m, action: fail, cluster: b}]' });
    const answer = await runWhatIf(load(withEvents), { clusters: ['c'] }, { run: { core } });
    const without = await runWhatIf(load(scenarioText()), { clusters: ['c'] }, { run: { core } });
    expect(answer).toEqual(without);
    expect(answer.clusters.b?.failed).toBe(false);
    expect(Object.keys(answer.workloads['default/web']?.placement ?? {})).toEqual(['a', 'b']);
  });

  it('counts the headroom each cluster has left from what runs there', async () => {
    const answer = await runWhatIf(load(scenarioText()), { clusters: ['c'] }, { run: { core } });
    const web = answer.workloads['default/web']?.placement ?? {};
    const onA = (web.a ?? 0) + 2; // db's two replicas are on a
    expect(answer.clusters.a).toEqual({
      failed: false,
      region: 'east',
      capacity: { cpu: 4, memory: 8 * 2 ** 30, pods: 10 },
      requested: { cpu: (web.a ?? 0) * 0.5 + 2, memory: (web.a ?? 0) * 2 ** 30, pods: onA },
      headroom: {
        cpu: 4 - (web.a ?? 0) * 0.5 - 2,
        memory: (8 - (web.a ?? 0)) * 2 ** 30,
        pods: 10 - onA,
      },
    });
    expect(answer.clusters.c).toMatchObject({ failed: true, headroom: null });
  });

  it('fails every cluster of a region', async () => {
    const answer = await runWhatIf(load(scenarioText()), { regions: ['east'] }, { run: { core } });
    expect(answer.failed).toEqual(['a', 'b']);
    expect(Object.keys(answer.workloads['default/web']?.placement ?? {})).toEqual(['c']);
    const c = answer.clusters.c;
    expect(c?.headroom?.cpu).toBe((c?.capacity.cpu ?? 0) - (c?.requested.cpu ?? 0));
    expect(answer.clusters.a).toMatchObject({ failed: true, headroom: null });
  });

  it('gives the same answer for the same question', async () => {
    const ask = () => runWhatIf(load(scenarioText()), { clusters: ['b'] }, { run: { core } });
    expect(await ask()).toEqual(await ask());
  });

  it.each([
    [{ clusters: ['x'] }, 'clusters: unknown cluster "x"; the fleet has a, b, c'],
    [{ regions: ['north'] }, 'regions: unknown region "north"; the fleet has east, west'],
    [{}, 'clusters: name at least one cluster (clusters) or region (regions) to fail'],
  ])('refuses the question %j', async (question, message) => {
    const refusal = runWhatIf(load(scenarioText()), question);
    await expect(refusal).rejects.toBeInstanceOf(ValidationError);
    await expect(refusal).rejects.toThrow(message);
  });

  it('refuses a horizon past the longest run', async () => {
    await expect(
      runWhatIf(load(scenarioText()), { clusters: ['a'] }, { horizonMs: 25 * 3_600_000 }),
    ).rejects.toThrow(/^horizon: must be at least 1s and end within 24h/);
  });

  it('says the fleet had not settled when the horizon ends during the failover', async () => {
    const answer = await runWhatIf(
      load(scenarioText()),
      { clusters: ['a'] },
      { run: { core }, horizonMs: 40_000 },
    );
    expect(answer.settled).toBe(false);
    expect(answer.lastChangeAt).toBeGreaterThan(answer.failedAt + 20);
  });
});

describe('answerFromReport', () => {
  it("reads a simulation's end state, short workloads included", async () => {
    const loaded = load(
      scenarioText({ events: '[{at: 1m, action: fail, cluster: a}]', duration: '20m' }),
    );
    const report = await runScenario(loaded, { core });
    const answer = answerFromReport(loaded.scenario, report, ['a'], 60);
    expect(answer.workloads['data/db']).toEqual({
      desired: 2,
      placement: report.workloads['data/db']?.placement,
      ready: 0,
      unschedulable: true,
      shortBy: 2,
    });
  });
});

describe('fleetFromState', () => {
  const cluster = (name: string, ready: 'True' | 'False'): Cluster => ({
    kind: 'Cluster',
    metadata: { name, labels: { env: 'prod' } },
    spec: { region: 'east', taints: [{ key: 'ops/cordon', effect: 'NoSchedule', timeAdded: 5 }] },
    status: {
      conditions: [
        { type: 'Ready', status: ready, reason: 'R', message: '', lastTransitionTime: 0 },
      ],
      allocatable: { cpu: Quantity.parse('8'), pods: Quantity.parse('110') },
    },
  });
  const binding: Binding = {
    kind: 'Binding',
    metadata: { name: 'web', namespace: 'shop' },
    spec: {
      resource: { apiVersion: 'apps/v1', kind: 'StatefulSet', namespace: 'shop', name: 'web' },
      replicas: 3,
      replicaRequirements: { resourceRequest: { cpu: Quantity.parse('250m') } },
      placement: {
        clusterAffinity: [{ clusterNames: ['m1', 'm2'] }],
        replicaScheduling: { type: 'Duplicated' },
      },
      clusters: [{ name: 'm1', replicas: 3 }],
    },
  };

  it('makes clusters and bindings a scenario, and names the clusters that are down already', () => {
    const { loaded, notReady } = fleetFromState(
      [cluster('m1', 'True'), cluster('m2', 'False')],
      [binding],
      { flavor: testDoubleFlavor, input: { settings: {}, featureGates: {} } },
    );
    expect(notReady).toEqual(['m2']);
    expect(loaded.scenario.spec.clusters[0]).toEqual({
      name: 'm1',
      region: 'east',
      labels: { env: 'prod' },
      capacity: { cpu: '8', pods: '110' },
      taints: [{ key: 'ops/cordon', effect: 'NoSchedule' }],
    });
    expect(loaded.scenario.spec.workloads).toEqual([
      expect.objectContaining({
        name: 'web',
        namespace: 'shop',
        kind: 'StatefulSet',
        replicas: 3,
        resources: { cpu: '250m' },
      }),
    ]);
    expect(loaded.workloads).toEqual([{ placement: binding.spec.placement }]);
  });

  it('refuses state that cannot be a fleet', () => {
    expect(() =>
      fleetFromState([cluster('Not_A_Label', 'True')], [binding], {
        flavor: testDoubleFlavor,
        input: { settings: {}, featureGates: {} },
      }),
    ).toThrow(/spec\.clusters\[0\]\.name: must be a DNS label.*\(in the stored state\)/);
  });
});
