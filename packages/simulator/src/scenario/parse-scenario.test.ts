import { ValidationError, formatIssue } from '@lifeboat/core';
import { stringify } from 'yaml';
import { parseScenario } from './parse-scenario';

const base = () => ({
  apiVersion: 'lifeboat.dev/v1alpha1',
  kind: 'Scenario',
  metadata: { name: 's' },
  spec: {
    flavor: 'karmada',
    duration: '30m',
    clusters: [{ name: 'member1' }, { name: 'member2' }],
    workloads: [{ name: 'foo', replicas: 2 }],
    events: [{ at: '2m', action: 'fail', cluster: 'member1' }],
  },
});

function problems(document: unknown): string[] {
  try {
    parseScenario(stringify(document));
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map(formatIssue);
    throw error;
  }
  return [];
}

describe('parseScenario', () => {
  it('fills in the defaults of SCENARIO.md and turns durations into milliseconds', () => {
    const scenario = parseScenario(stringify(base()));
    expect(scenario.spec.seed).toBe(1);
    expect(scenario.spec.duration).toBe(1_800_000);
    expect(scenario.spec.events[0]?.at).toBe(120_000);
    expect(scenario.spec.workloads[0]).toMatchObject({
      namespace: 'default',
      startupSeconds: 10,
      kind: 'Deployment',
    });
  });

  it.each([
    [1800, 1_800_000],
    ['1h30m', 5_400_000],
    ['1.5h', 5_400_000],
    ['29m59.5s', 1_799_500],
  ])('reads the duration %j as Go or as seconds: %d ms', (duration, ms) => {
    const document = base() as any;
    document.spec.duration = duration;
    document.spec.events[0].at = '1m30s';
    const scenario = parseScenario(stringify(document));
    expect(scenario.spec.duration).toBe(ms);
    expect(scenario.spec.events[0]?.at).toBe(90_000);
  });

  it('reads JSON as well as YAML', () => {
    expect(parseScenario(JSON.stringify(base())).metadata.name).toBe('s');
  });

  it.each([
    [
      'an unknown cluster in an event',
      (d: any) => (d.spec.events[0].cluster = 'member9'),
      'spec.events[0].cluster: unknown cluster "member9"; did you mean "member1"?',
    ],
    [
      'duplicate cluster names',
      (d: any) => d.spec.clusters.push({ name: 'member1' }),
      'spec.clusters[2].name: duplicate cluster name "member1" (also spec.clusters[0])',
    ],
    [
      'duplicate workloads',
      (d: any) => d.spec.workloads.push({ name: 'foo', namespace: 'default', replicas: 1 }),
      'spec.workloads[1].name: duplicate workload "default/foo" (also spec.workloads[0])',
    ],
    [
      'negative replicas',
      (d: any) => (d.spec.workloads[0].replicas = -1),
      'spec.workloads[0].replicas: must be >= 0',
    ],
    [
      'an unknown field',
      (d: any) => (d.spec.clusters[1].colour = 'red'),
      'spec.clusters[1].colour: unknown field "colour"',
    ],
    [
      'an unknown workload in an event',
      (d: any) =>
        d.spec.events.push({ at: '3m', action: 'scale', workload: 'default/bar', replicas: 3 }),
      'spec.events[1].workload: unknown workload "default/bar"',
    ],
    [
      'a misspelled workload in an event, suggesting the workload',
      (d: any) =>
        d.spec.events.push({ at: '3m', action: 'scale', workload: 'default/fooo', replicas: 3 }),
      'spec.events[1].workload: unknown workload "default/fooo"; did you mean "default/foo"?',
    ],
    [
      'a bad duration',
      (d: any) => (d.spec.duration = '30 minutes'),
      'spec.duration: invalid duration "30 minutes": unknown unit " minutes" (ns, us, ms, s, m or h) (use a Go duration such as 300ms, 1m30s or 1.5h, or a number of seconds)',
    ],
    [
      'a negative event time',
      (d: any) => (d.spec.events[0].at = '-1m'),
      'spec.events[0].at: duration "-1m" must not be negative',
    ],
    [
      'a bad quantity',
      (d: any) => (d.spec.clusters[0].capacity = { cpu: 'eight' }),
      'spec.clusters[0].capacity.cpu: invalid quantity "eight": expected a number with an optional suffix such as 500m, 2, 1.5Gi or 1e3',
    ],
    [
      'an event after the end of the run',
      (d: any) => (d.spec.events[0].at = '31m'),
      'spec.events[0].at: 31m is after the end of the run (duration 30m)',
    ],
    [
      'a cluster name that is not a DNS label',
      (d: any) => (d.spec.clusters[0].name = 'Member_1'),
      'spec.clusters[0].name: must be a DNS label: lower-case letters, digits and "-", starting and ending with a letter or digit (got "Member_1")',
    ],
    ['a missing duration', (d: any) => delete d.spec.duration, 'spec.duration: required'],
    [
      "a run longer than a day of virtual time (1e9 s is beyond even Node's timer limit)",
      (d: any) => (d.spec.duration = 1e9),
      'spec.duration: duration 1000000000s is above the maximum 24h0m0s',
    ],
    [
      'a run of no time',
      (d: any) => (d.spec.duration = 0),
      'spec.duration: duration 0s is below the minimum 1s',
    ],
    [
      'more replicas than a simulation keeps',
      (d: any) => (d.spec.workloads[0].replicas = 1e9),
      'spec.workloads[0].replicas: must be at most 100000',
    ],
    [
      'a misspelled field, suggesting the field it misspells',
      (d: any) => (d.spec.workloads[0].replicsa = 3),
      'spec.workloads[0].replicsa: unknown field "replicsa"; did you mean "replicas"?',
    ],
    [
      'a value of the wrong type, showing the value',
      (d: any) => (d.spec.workloads[0].replicas = 'two'),
      'spec.workloads[0].replicas: expected number, got "two"',
    ],
    [
      'a numeric label value, explaining that labels are strings',
      (d: any) => (d.spec.clusters[0].labels = { tier: 1 }),
      'spec.clusters[0].labels.tier: got 1, but labels values are strings (Kubernetes refuses a number or a boolean there); quote it: "1"',
    ],
    [
      'an event naming a misspelled cluster, suggesting the cluster',
      (d: any) => (d.spec.events[0].cluster = 'membr1'),
      'spec.events[0].cluster: unknown cluster "membr1"; did you mean "member1"?',
    ],
    [
      'a placement naming a cluster the scenario does not have',
      (d: any) =>
        (d.spec.workloads[0].placement = {
          clusterAffinity: { clusterNames: ['member1', 'member3'] },
        }),
      'spec.workloads[0].placement.clusterAffinity.clusterNames[1]: unknown cluster "member3"; did you mean "member1"?',
    ],
    [
      'a static weight naming a cluster the scenario does not have',
      (d: any) =>
        (d.spec.workloads[0].placement = {
          replicaScheduling: {
            weightPreference: {
              staticWeightList: [{ targetCluster: { clusterNames: ['east-1'] }, weight: 1 }],
            },
          },
        }),
      'spec.workloads[0].placement.replicaScheduling.weightPreference.staticWeightList[0].targetCluster.clusterNames[0]: unknown cluster "east-1"',
    ],
    [
      'an exclusion naming a cluster the scenario does not have',
      (d: any) => (d.spec.workloads[0].placement = { clusterAffinity: { exclude: ['member2x'] } }),
      'spec.workloads[0].placement.clusterAffinity.exclude[0]: unknown cluster "member2x"; did you mean "member2"?',
    ],
  ])('refuses %s, naming the field path', (_name, edit, expected) => {
    const document = base();
    edit(document);
    expect(problems(document)).toContain(expected);
  });

  it('reports every problem at once, one per line', () => {
    const document: any = base();
    document.spec.workloads[0].replicas = -2;
    document.spec.clusters.push({ name: 'member2' });
    document.spec.events[0].cluster = 'nowhere';
    expect(problems(document)).toEqual([
      'spec.workloads[0].replicas: must be >= 0',
      'spec.clusters[2].name: duplicate cluster name "member2" (also spec.clusters[1])',
      'spec.events[0].cluster: unknown cluster "nowhere"',
    ]);
  });

  it('refuses an unknown event action with the actions it knows', () => {
    const document: any = base();
    document.spec.events[0].action = 'explode';
    expect(problems(document)).toEqual([
      `spec.events[0].action: Invalid discriminator value. Expected 'fail' | 'recover' | 'degrade' | 'cordon' | 'uncordon' | 'scale' | 'unhealthy'`,
    ]);
  });

  it('refuses an alias bomb as bad input, not as a crash', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const name of ['b', 'c', 'd', 'e']) {
      const previous = levels.length === 1 ? 'a' : String.fromCharCode(name.charCodeAt(0) - 1);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
    }
    expect(() => parseScenario(`${levels.join('\n')}\n`)).toThrow(ValidationError);
    expect(() => parseScenario(`${levels.join('\n')}\n`)).toThrow(/alias/i);
  });

  it('refuses an alias whose anchor is missing as bad input', () => {
    expect(() => parseScenario('kind: Scenario\nspec: *nowhere\n')).toThrow(ValidationError);
  });

  it('locates YAML syntax errors by line and column', () => {
    expect(() => parseScenario('spec: [unclosed\n')).toThrow(/^line \d+, column \d+: /);
    try {
      parseScenario('kind: Scenario\nspec:\n  flavor: [karmada\n');
    } catch (error) {
      expect((error as ValidationError).issues[0]).toMatchObject({ path: '', line: 4, column: 1 });
    }
    expect.assertions(2);
  });
});
