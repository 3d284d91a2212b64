import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Status,
  ValidationError,
  type FilterPlugin,
  type PluginRegistration,
} from '@lifeboat/core';
import pino from 'pino';
import { checkScenario, loadScenario } from '../scenario/load-scenario';
import { readScenarioDocument } from '../scenario/parse-scenario';
import { runScenario } from '../run/run-scenario';
import { testDoubleFlavor } from '../testing/test-double-flavor';

const dir = mkdtempSync(join(tmpdir(), 'lifeboat-extensions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scenario = (extra: string) => `
apiVersion: lifeboat.dev/v1alpha1
kind: Scenario
metadata: {name: extensions}
spec:
  flavor: test-double
  duration: 1m
  clusters: [{name: a}, {name: b}, {name: c, labels: {frozen: "true"}}]
  workloads: [{name: foo, replicas: 4, placement: {clusterNames: [a, c]}}]
${extra}
`;

const core = { logger: pino({ level: 'silent' }) };

/** A filter of the user's: clusters labelled frozen=true take no new replicas. */
const frozenFilter: PluginRegistration = {
  name: 'Frozen',
  factory: (): FilterPlugin => ({
    name: 'Frozen',
    filter: (_state, _binding, cluster) =>
      cluster.metadata.labels?.frozen === 'true'
        ? Status.unschedulable('cluster is frozen')
        : Status.success,
  }),
};

const placement = async (text: string, options: Parameters<typeof runScenario>[1] = {}) =>
  (await runScenario(loadScenario(text, [testDoubleFlavor], { directory: dir }), options))
    .workloads['default/foo']?.placement;

const issuesOf = (text: string) =>
  checkScenario(readScenarioDocument(text), [testDoubleFlavor], { directory: dir }).issues;

describe('scheduler extensions of a run', () => {
  it("spec.schedulerProfile changes the flavour's profile: without its names filter foo spreads over every cluster", async () => {
    expect(await placement(scenario(''), { core })).toEqual({ a: 2, c: 2 });
    const withoutNames = scenario(
      '  schedulerProfile: {plugins: {filter: {disabled: [TestDoubleNames]}}}',
    );
    expect(await placement(withoutNames, { core })).toEqual({ a: 2, b: 1, c: 1 });
  });

  it("runScenario's plugins and schedulerProfile options add a filter that moves foo off the frozen cluster", async () => {
    const options = {
      core,
      plugins: [frozenFilter],
      schedulerProfile: { plugins: { filter: { enabled: [{ name: 'Frozen' }] } } },
    };
    expect(await placement(scenario(''), options)).toEqual({ a: 4 });
  });

  it("loads spec.plugins from the scenario's directory and runs them where the profile enables them", async () => {
    writeFileSync(
      join(dir, 'counted.js'),
      // The test double's strategy ignores scores: the module counts the clusters it scores.
      `let scored = 0; exports.scored = () => scored;
       exports.plugins = [{ name: 'Counted', factory: () => ({ name: 'Counted', score: () => { scored++; return 1; } }) }];`,
    );
    const loaded = loadScenario(
      scenario(
        '  plugins: [./counted.js]\n  schedulerProfile: {plugins: {score: {enabled: [{name: Counted, weight: 3}]}}}',
      ),
      [testDoubleFlavor],
      { directory: dir },
    );
    expect(loaded.extensions.plugins?.map((p) => p.name)).toEqual(['Counted']);
    expect(loaded.extensions.schedulerProfile?.plugins?.score?.enabled).toEqual([
      { name: 'Counted', weight: 3 },
    ]);
    const report = await runScenario(loaded, { core });
    expect(report.workloads['default/foo']?.placement).toEqual({ a: 2, c: 2 });
    const counted = createRequire(join(dir, 'test.js'))('./counted.js') as { scored(): number };
    expect(counted.scored()).toBeGreaterThanOrEqual(2);
  });

  it.each([
    [
      'an unknown extension point',
      '  schedulerProfile: {plugins: {fitler: {enabled: [{name: TestDoubleNames}]}}}',
      [
        {
          path: 'spec.schedulerProfile.plugins.fitler',
          message:
            'unknown extension point "fitler"; the points are preFilter, filter, postFilter, preScore, score, reserve',
        },
      ],
    ],
    [
      // The merged filter list is [ClusterEviction, TestDoubleTaints, TestDoubleNames, Frozen]:
      // the problem is reported at the user's own entry, not at its index in the merged list.
      'an unregistered plugin, at its index in the file',
      '  schedulerProfile: {plugins: {filter: {enabled: [{name: Frozen}]}}}',
      [
        {
          path: 'spec.schedulerProfile.plugins.filter.enabled[0].name',
          message:
            'no plugin "Frozen" is registered; register it under SCHEDULER_PLUGINS or remove it from the profile',
        },
      ],
    ],
    [
      'args for no registered plugin',
      '  schedulerProfile: {pluginConfig: [{name: Frozen, args: {}}]}',
      [
        {
          path: 'spec.schedulerProfile.pluginConfig[0].name',
          message: 'no plugin "Frozen" is registered',
        },
      ],
    ],
    [
      'a bad weight, before anything is built',
      '  schedulerProfile: {plugins: {score: {enabled: [{name: X, weight: 0}]}}}',
      [
        {
          path: 'spec.schedulerProfile.plugins.score.enabled[0].weight',
          message: 'weights are positive (disable the plugin instead of weighting it 0)',
        },
      ],
    ],
  ])('refuses %s at its field path', (_case, extra, issues) => {
    expect(issuesOf(scenario(extra))).toEqual(issues);
  });

  it("refuses args a module's plugin rejects, and a plugin named like one of the flavour's", () => {
    writeFileSync(
      join(dir, 'picky.js'),
      `exports.plugins = [{ name: 'Picky', factory: (args) => { if (typeof args?.label !== 'string') throw new TypeError('label must be a string'); return { name: 'Picky', score: () => 0 }; } }];`,
    );
    expect(
      issuesOf(
        scenario(
          '  plugins: [./picky.js]\n  schedulerProfile: {plugins: {score: {enabled: [{name: Picky}]}}, pluginConfig: [{name: Picky, args: {label: 3}}]}',
        ),
      ),
    ).toEqual([
      { path: 'spec.schedulerProfile.pluginConfig[0].args', message: 'label must be a string' },
    ]);

    writeFileSync(
      join(dir, 'clash.js'),
      `exports.plugins = [{ name: 'TestDoubleNames', factory: () => ({ name: 'TestDoubleNames' }) }];`,
    );
    expect(issuesOf(scenario('  plugins: [./clash.js]'))).toEqual([
      { path: 'spec.plugins', message: expect.stringContaining('TestDoubleNames') },
    ]);
  });

  it("refuses runScenario's options at their own paths, before anything runs", async () => {
    const loaded = loadScenario(scenario(''), [testDoubleFlavor]);
    const run = runScenario(loaded, {
      core,
      schedulerProfile: { plugins: { filter: { enabled: [{ name: 'Frozen' }] } } },
    });
    await expect(run).rejects.toThrow(ValidationError);
    await expect(run).rejects.toMatchObject({
      issues: [
        {
          path: 'schedulerProfile.plugins.filter.enabled[0].name',
          message: expect.stringContaining('no plugin "Frozen" is registered'),
        },
      ],
    });
  });
});
