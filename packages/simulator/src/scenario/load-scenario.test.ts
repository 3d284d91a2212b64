import { ValidationError, formatIssue } from '@lifeboat/core';
import { testDoubleFlavor } from '../testing/test-double-flavor';
import { loadScenario } from './load-scenario';

const scenario = (spec: string) => `
apiVersion: lifeboat.dev/v1alpha1
kind: Scenario
metadata: {name: s}
spec:
  duration: 10m
  clusters: [{name: a}, {name: b}]
${spec}
`;

function problems(text: string): string[] {
  try {
    loadScenario(text, [testDoubleFlavor]);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map(formatIssue);
    throw error;
  }
  return [];
}

describe('loadScenario with a flavour', () => {
  it('parses each workload with the flavour and keeps the settings it validated', () => {
    const loaded = loadScenario(
      scenario(
        '  flavor: test-double\n  settings: {graceSeconds: 20}\n  workloads: [{name: foo, replicas: 2, placement: {clusterNames: [a]}}]',
      ),
      [testDoubleFlavor],
    );
    expect(loaded.flavor).toBe(testDoubleFlavor);
    expect(loaded.workloads[0]?.placement.clusterAffinity).toEqual([{ clusterNames: ['a'] }]);
  });

  it.each([
    [
      'an unknown setting',
      '  flavor: test-double\n  settings: {graceSecs: 20}\n  workloads: [{name: foo, replicas: 1}]',
      'spec.settings.graceSecs: unknown field "graceSecs"',
    ],
    [
      'a bad setting value',
      '  flavor: test-double\n  settings: {graceSeconds: -1}\n  workloads: [{name: foo, replicas: 1}]',
      'spec.settings.graceSeconds: Too small: expected number to be >0',
    ],
    [
      'an unknown feature gate',
      '  flavor: test-double\n  featureGates: {Teleport: true}\n  workloads: [{name: foo, replicas: 1}]',
      'spec.featureGates.Teleport: unknown feature gate "Teleport"',
    ],
    [
      "another flavour's workload shape",
      '  flavor: test-double\n  workloads: [{name: foo, replicas: 1, subscription: {subscribers: []}}]',
      'spec.workloads[0].subscription: the test-double flavor does not read "subscription"; the test double reads "placement" only',
    ],
    [
      'a bad flavour shape',
      '  flavor: test-double\n  workloads: [{name: foo, replicas: 1, placement: {division: Sideways}}]',
      'spec.workloads[0].placement.division: Invalid option: expected one of "Duplicated"|"Even", got "Sideways"',
    ],
    [
      'an unknown flavour',
      '  flavor: kubefed\n  workloads: [{name: foo, replicas: 1}]',
      'spec.flavor: unknown flavor "kubefed"; expected one of test-double',
    ],
  ])('refuses %s, naming the field path', (_name, spec, expected) => {
    expect(problems(scenario(spec))).toContain(expected);
  });

  it('reports schema, cross-reference and flavour problems together', () => {
    const text = scenario(
      '  flavor: test-double\n  settings: {nope: 1}\n  workloads: [{name: foo, replicas: -1, placement: {division: Sideways}}]\n  events: [{at: 1m, action: fail, cluster: c}]',
    );
    expect(problems(text)).toEqual([
      'spec.workloads[0].replicas: must be >= 0',
      'spec.events[0].cluster: unknown cluster "c"',
      'spec.settings.nope: unknown field "nope"',
      'spec.workloads[0].placement.division: Invalid option: expected one of "Duplicated"|"Even", got "Sideways"',
    ]);
  });
});
