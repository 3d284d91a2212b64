import { fixedScores, makeBinding, makeCluster, rejectClusters } from '@lifeboat/core/testing';
import type {
  ClusterScore,
  FilterPlugin,
  FrameworkHandle,
  PluginRegistration,
  PostFilterPlugin,
  PreFilterPlugin,
  PreScorePlugin,
  ReservePlugin,
  SchedulerPlugin,
  ScorePlugin,
} from '../contracts/scheduler-plugins';
import { z } from 'zod';
import type { FieldIssue } from '../errors/validation-error';
import { ValidationError } from '../errors/validation-error';
import { WiringError } from '../errors/wiring-error';
import { parseWith } from '../validation/parse';
import { CycleState } from './cycle-state';
import { SchedulerFramework } from './framework';
import { mergeProfiles, type SchedulerProfile } from './profile';
import { Status } from './status';

const handle: FrameworkHandle = { now: () => 0 };
const binding = makeBinding('foo');
const clusters = ['a', 'b', 'c'].map((n) => makeCluster(n).build());
const cluster = (name: string) =>
  clusters.find((c) => c.metadata.name === name) ?? makeCluster(name).build();

const register = (plugin: SchedulerPlugin): PluginRegistration => ({
  name: plugin.name,
  factory: () => plugin,
});
const profile = (
  plugins: SchedulerProfile['plugins'],
  pluginConfig?: SchedulerProfile['pluginConfig'],
): SchedulerProfile => ({
  schedulerName: 'test',
  plugins,
  ...(pluginConfig ? { pluginConfig } : {}),
});

function wiringErrorOf(build: () => unknown): WiringError {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(WiringError);
    return error as WiringError;
  }
  throw new Error('expected a WiringError, nothing was thrown');
}

describe('SchedulerFramework construction', () => {
  const filterA = register({ name: 'A', filter: () => Status.success } as FilterPlugin);
  const scoreOnly = register({ name: 'S', score: () => 0 } as ScorePlugin);
  const withArgs: PluginRegistration = {
    name: 'Args',
    factory: (args) => {
      parseWith(z.strictObject({ depth: z.number().int() }), args);
      return { name: 'Args', filter: () => Status.success } as FilterPlugin;
    },
  };

  it('fails with a WiringError when two registrations share a name', () => {
    expect(
      wiringErrorOf(() => new SchedulerFramework([filterA, filterA], profile({}), handle)).message,
    ).toBe('two scheduler plugins are registered as "A"; plugin names must be unique');
  });

  it.each<{
    name: string;
    registrations: PluginRegistration[];
    plugins: SchedulerProfile['plugins'];
    pluginConfig?: SchedulerProfile['pluginConfig'];
    issues: FieldIssue[];
  }>([
    {
      name: 'a misspelt extension point (its plugins would never run)',
      registrations: [filterA],
      plugins: { fitler: { enabled: [{ name: 'A' }] } },
      issues: [
        {
          path: 'plugins.fitler',
          message:
            'unknown extension point "fitler"; the points are preFilter, filter, postFilter, preScore, score, reserve',
        },
      ],
    },
    {
      name: 'a profile naming an unregistered plugin',
      registrations: [filterA],
      plugins: { filter: { enabled: [{ name: 'A' }, { name: 'Nope' }] } },
      issues: [
        {
          path: 'plugins.filter.enabled[1].name',
          message:
            'no plugin "Nope" is registered; register it under SCHEDULER_PLUGINS or remove it from the profile',
        },
      ],
    },
    {
      name: 'a plugin enabled at a point whose method it lacks',
      registrations: [scoreOnly],
      plugins: { filter: { enabled: [{ name: 'S' }] } },
      issues: [
        {
          path: 'plugins.filter.enabled[0].name',
          message: 'plugin "S" has no filter() method, so it cannot run at filter',
        },
      ],
    },
    {
      name: 'a reserve point plugin without reserve()',
      registrations: [filterA],
      plugins: { reserve: { enabled: [{ name: 'A' }] } },
      issues: [
        {
          path: 'plugins.reserve.enabled[0].name',
          message: 'plugin "A" has no reserve() method, so it cannot run at reserve',
        },
      ],
    },
    {
      name: 'a plugin enabled twice at one point (its score would count twice)',
      registrations: [scoreOnly],
      plugins: { score: { enabled: [{ name: 'S' }, { name: 'S', weight: 2 }] } },
      issues: [
        {
          path: 'plugins.score.enabled[1].name',
          message: 'plugin "S" is enabled twice at score; list each plugin once per point',
        },
      ],
    },
    {
      name: 'weight 0, a negative and a fractional weight',
      registrations: [scoreOnly],
      plugins: {
        score: { enabled: [{ name: 'S', weight: 0 }] },
        preScore: { enabled: [{ name: 'S', weight: -2 }] },
        reserve: { enabled: [{ name: 'S', weight: 1.5 }] },
      },
      issues: [
        {
          path: 'plugins.score.enabled[0].weight',
          message: 'weights are positive (disable the plugin instead of weighting it 0)',
        },
        {
          path: 'plugins.preScore.enabled[0].weight',
          message: 'weights are positive (disable the plugin instead of weighting it 0)',
        },
        {
          path: 'plugins.reserve.enabled[0].weight',
          message: 'weights are whole numbers (got 1.5)',
        },
      ],
    },
    {
      name: 'args the plugin rejects, located under their pluginConfig entry',
      registrations: [filterA, withArgs],
      plugins: { filter: { enabled: [{ name: 'A' }, { name: 'Args' }] } },
      pluginConfig: [{ name: 'Args', args: { depth: 'deep', extra: 1 } }],
      issues: [
        {
          path: 'pluginConfig[0].args.depth',
          message: 'expected number, got "deep"',
        },
        { path: 'pluginConfig[0].args.extra', message: 'unknown field "extra"' },
      ],
    },
    {
      name: 'args for a plugin nobody registered',
      registrations: [filterA],
      plugins: { filter: { enabled: [{ name: 'A' }] } },
      pluginConfig: [{ name: 'Missing', args: {} }],
      issues: [{ path: 'pluginConfig[0].name', message: 'no plugin "Missing" is registered' }],
    },
  ])(
    'fails with a ValidationError naming the field path on $name',
    ({ registrations, plugins, pluginConfig, issues }) => {
      let caught: unknown;
      try {
        new SchedulerFramework(registrations, profile(plugins, pluginConfig), handle);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ValidationError);
      expect((caught as ValidationError).issues).toEqual(issues);
    },
  );

  it('accepts a point a registration declares, and reports every problem at once', () => {
    const predictor: PluginRegistration = {
      name: 'P',
      factory: () => ({ name: 'P' }),
      extensionPoints: ['predict'],
    };
    expect(
      () =>
        new SchedulerFramework(
          [predictor],
          profile({ predict: { enabled: [{ name: 'P' }] } }),
          handle,
        ),
    ).not.toThrow();
    expect(
      () =>
        new SchedulerFramework(
          [predictor, filterA],
          profile({
            predcit: { enabled: [{ name: 'P' }] },
            filter: { enabled: [{ name: 'A' }] },
            score: { enabled: [{ name: 'A' }] },
          }),
          handle,
        ),
    ).toThrow(
      'plugins.predcit: unknown extension point "predcit"; the points are preFilter, filter, postFilter, preScore, score, reserve, predict',
    );
  });

  describe('order a plugin declares', () => {
    const filter = (name: string, order?: SchedulerPlugin['order']): PluginRegistration =>
      register({ name, filter: () => Status.success, ...(order ? { order } : {}) } as FilterPlugin);
    const names = (framework: SchedulerFramework, point: string) =>
      framework.pluginsAt(point).map((e) => e.plugin.name);

    it('moves a plugin that runs last (or first) to that end, the others keeping the profile order', () => {
      const framework = new SchedulerFramework(
        [
          filter('Last', { filter: 'last' }),
          filter('First', { filter: 'first' }),
          filter('X'),
          filter('Y'),
        ],
        profile({
          filter: {
            enabled: [{ name: 'Last' }, { name: 'Y' }, { name: 'First' }, { name: 'X' }],
          },
        }),
        handle,
      );
      expect(names(framework, 'filter')).toEqual(['First', 'Y', 'X', 'Last']);
    });

    it("holds when a user merges a filter after the flavour's, which is where mergeProfiles appends it", () => {
      const flavour: SchedulerProfile = profile({
        filter: { enabled: [{ name: 'X' }, { name: 'Last' }] },
      });
      const merged = mergeProfiles(flavour, {
        plugins: { filter: { enabled: [{ name: 'Mine' }] } },
      });
      expect(merged.plugins['filter']?.enabled?.map((e) => e.name)).toEqual(['X', 'Last', 'Mine']);
      const framework = new SchedulerFramework(
        [filter('X'), filter('Last', { filter: 'last' }), filter('Mine')],
        merged,
        handle,
      );
      expect(names(framework, 'filter')).toEqual(['X', 'Mine', 'Last']);
    });

    it('applies only at the point it names', () => {
      const both = register({
        name: 'Both',
        order: { filter: 'last' },
        filter: () => Status.success,
        score: () => 0,
      } as FilterPlugin & ScorePlugin);
      const framework = new SchedulerFramework(
        [both, filter('X'), fixedScores('S', {})],
        profile({
          filter: { enabled: [{ name: 'Both' }, { name: 'X' }] },
          score: { enabled: [{ name: 'Both' }, { name: 'S' }] },
        }),
        handle,
      );
      expect(names(framework, 'filter')).toEqual(['X', 'Both']);
      expect(names(framework, 'score')).toEqual(['Both', 'S']);
    });

    it('fails with a WiringError when two plugins ask for the same end of one point', () => {
      expect(
        wiringErrorOf(
          () =>
            new SchedulerFramework(
              [filter('L1', { filter: 'last' }), filter('L2', { filter: 'last' })],
              profile({ filter: { enabled: [{ name: 'L1' }, { name: 'L2' }] } }),
              handle,
            ),
        ).message,
      ).toBe(
        'plugins "L1" and "L2" each declare that they run last at filter; only one can: disable the others at filter',
      );
    });
  });

  it('builds a plugin enabled at several points once, with its args from pluginConfig and the handle', () => {
    const calls: { args: unknown; handle: FrameworkHandle }[] = [];
    const multi: PluginRegistration = {
      name: 'Multi',
      factory: (args, h) => {
        calls.push({ args, handle: h });
        return { name: 'Multi', filter: () => Status.success, score: () => 50 } as FilterPlugin &
          ScorePlugin;
      },
    };
    const framework = new SchedulerFramework(
      [multi],
      profile(
        {
          filter: { enabled: [{ name: 'Multi' }] },
          score: { enabled: [{ name: 'Multi', weight: 2 }] },
        },
        [{ name: 'Multi', args: { depth: 3 } }],
      ),
      handle,
    );
    expect(calls).toEqual([{ args: { depth: 3 }, handle }]);
    expect(framework.pluginsAt('filter')[0]?.plugin).toBe(framework.pluginsAt('score')[0]?.plugin);
    expect(framework.pluginsAt('score').map((e) => e.weight)).toEqual([2]);
  });

  it('does not build plugins the profile leaves out, and passes undefined args when none are configured', () => {
    const built: string[] = [];
    const counting = (name: string): PluginRegistration => ({
      name,
      factory: (args) => {
        built.push(`${name}:${JSON.stringify(args)}`);
        return { name, filter: () => Status.success } as FilterPlugin;
      },
    });
    new SchedulerFramework(
      [counting('Used'), counting('Unused')],
      profile({ filter: { enabled: [{ name: 'Used' }] } }),
      handle,
    );
    expect(built).toEqual(['Used:undefined']);
  });

  it('lets a flavour define its own point: plugins are listed in order with weights, no method check', () => {
    const framework = new SchedulerFramework(
      [{ ...register({ name: 'P1' }), extensionPoints: ['predict'] }, register({ name: 'P2' })],
      profile({ predict: { enabled: [{ name: 'P2', weight: 4 }, { name: 'P1' }] } }),
      handle,
    );
    expect(framework.pluginsAt('predict').map((e) => `${e.plugin.name}*${e.weight}`)).toEqual([
      'P2*4',
      'P1*1',
    ]);
    expect(framework.pluginsAt('unknownPoint')).toEqual([]);
  });
});

describe('runFilter', () => {
  function recordingFilter(
    name: string,
    log: string[],
    verdict: (cluster: string) => Status,
  ): FilterPlugin {
    return {
      name,
      filter: (_s, _b, c) => {
        log.push(`${name}(${c.metadata.name})`);
        return verdict(c.metadata.name);
      },
    };
  }

  it('runs filters in profile order and stops at the first rejection, stamping its plugin', () => {
    const log: string[] = [];
    const framework = new SchedulerFramework(
      [
        register(recordingFilter('Third', log, () => Status.success)),
        register(recordingFilter('First', log, () => Status.success)),
        register(
          recordingFilter('Second', log, (c) =>
            c === 'b' ? Status.unschedulable('b is full') : Status.success,
          ),
        ),
      ],
      profile({ filter: { enabled: [{ name: 'First' }, { name: 'Second' }, { name: 'Third' }] } }),
      handle,
    );
    const state = new CycleState();
    expect(framework.runFilterPlugins(state, binding, cluster('a'))).toBe(Status.success);
    expect(framework.runFilterPlugins(state, binding, cluster('b'))).toEqual(
      Status.unschedulable('b is full').withPlugin('Second'),
    );
    expect(log).toEqual(['First(a)', 'Second(a)', 'Third(a)', 'First(b)', 'Second(b)']);
  });

  it.each<{ name: string; verdict: Status; want: Status }>([
    {
      name: 'an unresolvable rejection keeps its code',
      verdict: Status.unresolvable('never'),
      want: Status.unresolvable('never').withPlugin('F'),
    },
    {
      name: 'a plugin-stamped status is re-stamped with the filter that returned it',
      verdict: Status.unschedulable('x').withPlugin('Other'),
      want: Status.unschedulable('x').withPlugin('F'),
    },
  ])('$name', ({ verdict, want }) => {
    const framework = new SchedulerFramework(
      [register({ name: 'F', filter: () => verdict } as FilterPlugin)],
      profile({ filter: { enabled: [{ name: 'F' }] } }),
      handle,
    );
    expect(framework.runFilterPlugins(new CycleState(), binding, cluster('a'))).toEqual(want);
  });

  it('turns a throwing filter into an Error status naming the plugin', () => {
    const boom = new Error('cache not synced');
    const framework = new SchedulerFramework(
      [
        register({
          name: 'Boom',
          filter: () => {
            throw boom;
          },
        } as FilterPlugin),
      ],
      profile({ filter: { enabled: [{ name: 'Boom' }] } }),
      handle,
    );
    const status = framework.runFilterPlugins(new CycleState(), binding, cluster('a'));
    expect(status).toEqual(Status.error(boom).withPlugin('Boom'));
    expect(status.cause).toBe(boom);
  });

  it('skips the filters of plugins whose pre-filter skipped', () => {
    const framework = new SchedulerFramework(
      [rejectClusters('R', ['a'])],
      profile({ filter: { enabled: [{ name: 'R' }] } }),
      handle,
    );
    expect(
      framework.runFilterPlugins(new CycleState(), binding, cluster('a'), new Set(['R'])),
    ).toBe(Status.success);
    expect(framework.runFilterPlugins(new CycleState(), binding, cluster('a'))).toEqual(
      Status.unschedulable('rejected by test').withPlugin('R'),
    );
  });
});

describe('runScore', () => {
  const normalizing: ScorePlugin = {
    name: 'Normalized',
    score: (_s, _b, c) => ({ a: 10, b: 20, c: 40 })[c.metadata.name] ?? 0,
    normalizeScore: (_s, _b, scores: ClusterScore[]) => {
      const max = Math.max(...scores.map((s) => s.score));
      for (const s of scores) s.score = Math.round((s.score * 100) / max);
      return Status.success;
    },
  };

  it('normalizes each plugin, multiplies by its weight and sums per cluster', () => {
    const framework = new SchedulerFramework(
      [register(normalizing), fixedScores('Fixed', { a: 100, b: 0, c: 50 })],
      profile({
        score: {
          enabled: [
            { name: 'Normalized', weight: 2 },
            { name: 'Fixed', weight: 3 },
          ],
        },
      }),
      handle,
    );
    // Normalized: 25, 50, 100 (x2) + Fixed: 100, 0, 50 (x3)
    expect(framework.runScorePlugins(new CycleState(), binding, clusters)).toEqual({
      status: Status.success,
      totals: [350, 100, 350],
    });
  });

  it.each([
    { name: 'equal weights rank by the sum', w1: 1, w2: 1, totals: [125, 50, 150] },
    {
      name: 'a heavier weight on one plugin can reverse the ranking',
      w1: 1,
      w2: 5,
      totals: [525, 50, 350],
    },
  ])('$name', ({ w1, w2, totals }) => {
    const framework = new SchedulerFramework(
      [register(normalizing), fixedScores('Fixed', { a: 100, b: 0, c: 50 })],
      profile({
        score: {
          enabled: [
            { name: 'Normalized', weight: w1 },
            { name: 'Fixed', weight: w2 },
          ],
        },
      }),
      handle,
    );
    expect(framework.runScorePlugins(new CycleState(), binding, clusters).totals).toEqual(totals);
  });

  it('gives all-zero totals without score plugins', () => {
    const framework = new SchedulerFramework([], profile({}), handle);
    expect(framework.runScorePlugins(new CycleState(), binding, clusters)).toEqual({
      status: Status.success,
      totals: [0, 0, 0],
    });
  });

  it.each([
    { name: 'above 100', score: 101 },
    { name: 'below 0', score: -1 },
    { name: 'NaN', score: Number.NaN },
  ])('returns an Error status for a score $name after normalizing', ({ score }) => {
    const framework = new SchedulerFramework(
      [fixedScores('Wild', { b: score })],
      profile({ score: { enabled: [{ name: 'Wild' }] } }),
      handle,
    );
    const result = framework.runScorePlugins(new CycleState(), binding, clusters);
    expect(result.status).toEqual(
      Status.error(
        new RangeError(
          `plugin "Wild" scored cluster "b" ${score}; scores must lie in [0, 100] after normalizing`,
        ),
      ).withPlugin('Wild'),
    );
  });

  it('accepts raw scores beyond 0..100 when normalize brings them into range', () => {
    const framework = new SchedulerFramework(
      [
        register({
          ...normalizing,
          name: 'Big',
          score: (_s, _b, c) => ({ a: 1000, b: 5000, c: 10_000 })[c.metadata.name] ?? 0,
        } as ScorePlugin),
      ],
      profile({ score: { enabled: [{ name: 'Big' }] } }),
      handle,
    );
    expect(framework.runScorePlugins(new CycleState(), binding, clusters)).toEqual({
      status: Status.success,
      totals: [10, 50, 100],
    });
  });

  it('returns an Error status when a score plugin throws', () => {
    const boom = new Error('no metrics');
    const framework = new SchedulerFramework(
      [
        register({
          name: 'Boom',
          score: () => {
            throw boom;
          },
        } as ScorePlugin),
      ],
      profile({ score: { enabled: [{ name: 'Boom' }] } }),
      handle,
    );
    expect(framework.runScorePlugins(new CycleState(), binding, clusters).status).toEqual(
      Status.error(boom).withPlugin('Boom'),
    );
  });

  it.each([
    {
      name: 'returns a rejection',
      normalize: () => Status.unschedulable('cannot normalize'),
      want: Status.unschedulable('cannot normalize').withPlugin('N'),
    },
    {
      name: 'throws',
      normalize: () => {
        throw new Error('divide by zero');
      },
      want: Status.error(new Error('divide by zero')).withPlugin('N'),
    },
  ])('returns the stamped status when normalize $name', ({ normalize, want }) => {
    const framework = new SchedulerFramework(
      [register({ name: 'N', score: () => 1, normalizeScore: normalize } as ScorePlugin)],
      profile({ score: { enabled: [{ name: 'N' }] } }),
      handle,
    );
    expect(framework.runScorePlugins(new CycleState(), binding, clusters).status).toEqual(want);
  });

  it('leaves out plugins whose pre-score skipped', () => {
    const framework = new SchedulerFramework(
      [fixedScores('A', { a: 10 }), fixedScores('B', { a: 20 })],
      profile({ score: { enabled: [{ name: 'A' }, { name: 'B' }] } }),
      handle,
    );
    expect(
      framework.runScorePlugins(new CycleState(), binding, [cluster('a')], new Set(['B'])).totals,
    ).toEqual([10]);
  });
});

describe('runReserve', () => {
  function reservePlugin(
    name: string,
    log: string[],
    verdict: () => Status = () => Status.success,
    unreserveThrows = false,
  ): ReservePlugin {
    return {
      name,
      reserve: () => {
        log.push(`reserve ${name}`);
        return verdict();
      },
      unreserve: () => {
        log.push(`unreserve ${name}`);
        if (unreserveThrows) throw new Error('unreserve must not fail');
      },
    };
  }

  it('runs every reserve in order when all succeed', () => {
    const log: string[] = [];
    const framework = new SchedulerFramework(
      [register(reservePlugin('R1', log)), register(reservePlugin('R2', log))],
      profile({ reserve: { enabled: [{ name: 'R1' }, { name: 'R2' }] } }),
      handle,
    );
    expect(
      framework.runReservePlugins(new CycleState(), binding, [{ name: 'a', replicas: 1 }]),
    ).toBe(Status.success);
    expect(log).toEqual(['reserve R1', 'reserve R2']);
  });

  it.each([
    {
      name: 'a rejection',
      verdict: () => Status.unschedulable('quota exceeded'),
      want: Status.unschedulable('quota exceeded').withPlugin('R2'),
    },
    {
      name: 'a throw',
      verdict: () => {
        throw new Error('lost lock');
      },
      want: Status.error(new Error('lost lock')).withPlugin('R2'),
    },
  ])(
    'on $name stops and un-reserves every reserve plugin in reverse order',
    ({ verdict, want }) => {
      const log: string[] = [];
      const framework = new SchedulerFramework(
        [
          register(reservePlugin('R1', log)),
          register(reservePlugin('R2', log, verdict)),
          register(reservePlugin('R3', log)),
        ],
        profile({ reserve: { enabled: [{ name: 'R1' }, { name: 'R2' }, { name: 'R3' }] } }),
        handle,
      );
      expect(
        framework.runReservePlugins(new CycleState(), binding, [{ name: 'a', replicas: 1 }]),
      ).toEqual(want);
      expect(log).toEqual([
        'reserve R1',
        'reserve R2',
        'unreserve R3',
        'unreserve R2',
        'unreserve R1',
      ]);
    },
  );

  it('a throwing unreserve does not stop the others', () => {
    const log: string[] = [];
    const framework = new SchedulerFramework(
      [
        register(reservePlugin('R1', log)),
        register(reservePlugin('R2', log, () => Status.success, true)),
      ],
      profile({ reserve: { enabled: [{ name: 'R1' }, { name: 'R2' }] } }),
      handle,
    );
    framework.runUnreservePlugins(new CycleState(), binding, []);
    expect(log).toEqual(['unreserve R2', 'unreserve R1']);
  });
});

describe('runPreFilter', () => {
  const narrow = (
    name: string,
    names: string[] | undefined,
    status = Status.success,
  ): PluginRegistration =>
    register({
      name,
      preFilter: () => ({ status, ...(names ? { clusters: new Set(names) } : {}) }),
    } as PreFilterPlugin);

  it('intersects the clusters the plugins keep and collects the ones that skip', async () => {
    const framework = new SchedulerFramework(
      [
        narrow('N1', ['a', 'b']),
        narrow('All', undefined),
        narrow('N2', ['b', 'c']),
        narrow('Skipper', ['a'], Status.skip),
      ],
      profile({
        preFilter: {
          enabled: [{ name: 'N1' }, { name: 'All' }, { name: 'N2' }, { name: 'Skipper' }],
        },
      }),
      handle,
    );
    const outcome = await framework.runPreFilterPlugins(new CycleState(), binding, clusters);
    expect(outcome.status).toBe(Status.success);
    expect([...(outcome.clusters ?? [])]).toEqual(['b']);
    expect([...outcome.skipped]).toEqual(['Skipper']);
  });

  it('leaves the candidates alone when no plugin narrows them', async () => {
    const framework = new SchedulerFramework(
      [narrow('All', undefined)],
      profile({ preFilter: { enabled: [{ name: 'All' }] } }),
      handle,
    );
    expect(
      (await framework.runPreFilterPlugins(new CycleState(), binding, clusters)).clusters,
    ).toBeUndefined();
  });

  it.each([
    {
      name: 'a rejection',
      plugin: narrow('Gate', undefined, Status.unresolvable('placement is invalid')),
      want: Status.unresolvable('placement is invalid').withPlugin('Gate'),
    },
    {
      name: 'a throw',
      plugin: register({
        name: 'Gate',
        preFilter: async () => {
          throw new Error('store down');
        },
      } as PreFilterPlugin),
      want: Status.error(new Error('store down')).withPlugin('Gate'),
    },
  ])('stops at $name, stamped with the plugin', async ({ plugin, want }) => {
    const after: string[] = [];
    const framework = new SchedulerFramework(
      [
        plugin,
        register({
          name: 'After',
          preFilter: () => (after.push('ran'), { status: Status.success }),
        } as PreFilterPlugin),
      ],
      profile({ preFilter: { enabled: [{ name: 'Gate' }, { name: 'After' }] } }),
      handle,
    );
    expect(
      (await framework.runPreFilterPlugins(new CycleState(), binding, clusters)).status,
    ).toEqual(want);
    expect(after).toEqual([]);
  });
});

describe('runPostFilter', () => {
  const post = (
    name: string,
    result: () => { status: Status; nominated?: string[] },
    log: string[],
  ): PluginRegistration =>
    register({ name, postFilter: () => (log.push(name), result()) } as PostFilterPlugin);
  const rejected = new Map([['a', Status.unschedulable('x').withPlugin('F')]]);

  it('returns the first success and runs no further plugins', async () => {
    const log: string[] = [];
    const framework = new SchedulerFramework(
      [
        post('P1', () => ({ status: Status.unschedulable('not me') }), log),
        post('P2', () => ({ status: Status.success, nominated: ['b'] }), log),
        post('P3', () => ({ status: Status.success, nominated: ['c'] }), log),
      ],
      profile({ postFilter: { enabled: [{ name: 'P1' }, { name: 'P2' }, { name: 'P3' }] } }),
      handle,
    );
    expect(await framework.runPostFilterPlugins(new CycleState(), binding, rejected)).toEqual({
      status: Status.success,
      nominated: ['b'],
    });
    expect(log).toEqual(['P1', 'P2']);
  });

  it('returns the last rejection, stamped, when none helps', async () => {
    const log: string[] = [];
    const framework = new SchedulerFramework(
      [
        post('P1', () => ({ status: Status.unschedulable('first') }), log),
        post('P2', () => ({ status: Status.unschedulable('second') }), log),
      ],
      profile({ postFilter: { enabled: [{ name: 'P1' }, { name: 'P2' }] } }),
      handle,
    );
    expect(await framework.runPostFilterPlugins(new CycleState(), binding, rejected)).toEqual({
      status: Status.unschedulable('second').withPlugin('P2'),
    });
  });

  it('stops at an Error', async () => {
    const log: string[] = [];
    const framework = new SchedulerFramework(
      [
        post('P1', () => ({ status: Status.error('broken') }), log),
        post('P2', () => ({ status: Status.success, nominated: ['b'] }), log),
      ],
      profile({ postFilter: { enabled: [{ name: 'P1' }, { name: 'P2' }] } }),
      handle,
    );
    expect(await framework.runPostFilterPlugins(new CycleState(), binding, rejected)).toEqual({
      status: Status.error('broken').withPlugin('P1'),
    });
    expect(log).toEqual(['P1']);
  });

  it('without post-filter plugins says nothing made the binding schedulable', async () => {
    const framework = new SchedulerFramework([], profile({}), handle);
    expect(await framework.runPostFilterPlugins(new CycleState(), binding, rejected)).toEqual({
      status: Status.unschedulable('no post-filter plugin made the binding schedulable'),
    });
  });
});

describe('runPreScore', () => {
  it('collects the plugins that skip and stops at a failure, stamped', async () => {
    const framework = new SchedulerFramework(
      [
        register({ name: 'Skipper', preScore: () => Status.skip } as PreScorePlugin),
        register({ name: 'Ok', preScore: async () => Status.success } as PreScorePlugin),
      ],
      profile({ preScore: { enabled: [{ name: 'Skipper' }, { name: 'Ok' }] } }),
      handle,
    );
    const outcome = await framework.runPreScorePlugins(new CycleState(), binding, clusters);
    expect(outcome.status).toBe(Status.success);
    expect([...outcome.skipped]).toEqual(['Skipper']);

    const failing = new SchedulerFramework(
      [register({ name: 'Bad', preScore: () => Status.error('no data') } as PreScorePlugin)],
      profile({ preScore: { enabled: [{ name: 'Bad' }] } }),
      handle,
    );
    expect((await failing.runPreScorePlugins(new CycleState(), binding, clusters)).status).toEqual(
      Status.error('no data').withPlugin('Bad'),
    );
  });
});
