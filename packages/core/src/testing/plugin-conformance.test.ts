import { z } from 'zod';
import type {
  FilterPlugin,
  PluginRegistration,
  ReservePlugin,
  ScorePlugin,
} from '../contracts/scheduler-plugins';
import { ValidationError } from '../errors/validation-error';
import { clusterEvictionRegistration } from '../scheduler/plugins/cluster-eviction';
import { Status } from '../scheduler/status';
import { parseWith } from '../validation/parse';
import { makeBinding, makeCluster } from './builders';
import { UNKNOWN_ARGUMENT, checkPluginArgs, checkPluginConstruction } from './plugin-args-check';
import { describePluginConformance } from './plugin-conformance';
import { checkPluginEquivalence } from './plugin-equivalence-check';
import { checkPluginScores, checkPluginStatuses } from './plugin-point-checks';
import { scheduleOnce } from './schedule-once';
import type { ConformanceTestApi } from './test-api';

/** A well-behaved plugin at every point a cycle runs: filter by label, score normalized, reserve. */
const tierArgs = z
  .strictObject({ tier: z.string().min(1).default('gold') })
  .default({ tier: 'gold' });
const tierRegistration: PluginRegistration = {
  name: 'Tier',
  factory: (args) => {
    const { tier } = parseWith(tierArgs, args);
    const reserved = new Set<string>();
    const plugin: FilterPlugin & ScorePlugin & ReservePlugin = {
      name: 'Tier',
      filter: (_s, _b, cluster) =>
        cluster.metadata.labels?.tier === undefined
          ? Status.unresolvable('has no tier label')
          : Status.success,
      equivalenceKey: () => '',
      score: (_s, _b, cluster) => (cluster.metadata.labels?.tier === tier ? 7 : 1),
      normalizeScore: (_s, _b, scores) => {
        const max = Math.max(...scores.map((s) => s.score));
        for (const s of scores) s.score = Math.round((100 * s.score) / max);
        return Status.success;
      },
      reserve: (_s, binding) => {
        reserved.add(binding.metadata.name);
        return Status.success;
      },
      unreserve: (_s, binding) => void reserved.delete(binding.metadata.name),
    };
    return plugin;
  },
};

describePluginConformance(clusterEvictionRegistration);
describePluginConformance(tierRegistration, {
  validArgs: [undefined, { tier: 'silver' }],
  invalidArgs: [{ args: { tier: '' }, path: 'tier' }],
});

const noArgs = z.strictObject({}).optional();

/** A filter plugin of `filter`, refusing args it does not know. */
function filterPlugin(
  name: string,
  filter: FilterPlugin['filter'],
  extra: Partial<FilterPlugin> = {},
): PluginRegistration {
  return {
    name,
    factory: (args) => {
      parseWith(noArgs, args);
      return { name, filter, ...extra };
    },
  };
}

function scorePlugin(name: string, score: ScorePlugin['score']): PluginRegistration {
  return {
    name,
    factory: (args) => {
      parseWith(noArgs, args);
      return { name, score, equivalenceKey: () => '' };
    },
  };
}

const frozen = filterPlugin(
  'Frozen',
  (_s, _b, cluster) =>
    cluster.metadata.labels?.frozen === 'true' ? Status.unresolvable('is frozen') : Status.success,
  { equivalenceKey: () => '' },
);

describe('the plugin conformance kit rejects broken plugins', () => {
  it.each([
    [
      'a filter that returns Skip',
      filterPlugin('Skipper', () => Status.skip),
      /filter returned Skip; legal at filter: Success, Unschedulable, UnschedulableAndUnresolvable/,
    ],
    [
      'a reason that repeats the subject',
      filterPlugin('Wordy', () => Status.unschedulable('cluster is frozen')),
      /reason "cluster is frozen" starts with "cluster"/,
    ],
    [
      'a rejection without a reason',
      filterPlugin('Mute', () => Status.unschedulable()),
      /rejected without a reason/,
    ],
    [
      'a filter that throws',
      filterPlugin('Thrower', () => {
        throw new Error('boom');
      }),
      /filter threw Error: boom; return a Status instead/,
    ],
    [
      'a filter whose answer changes between calls',
      (() => {
        let calls = 0;
        return filterPlugin('Flaky', () =>
          calls++ % 2 ? Status.unschedulable('is flaky') : Status.success,
        );
      })(),
      /filter is not pure/,
    ],
  ])('statuses: %s', async (_case, registration, problem) => {
    const problems = await checkPluginStatuses(registration, { fleets: 2 });
    expect(problems.join('\n')).toMatch(problem);
    expect(problems[0]).toMatch(/^fleet \d \(seed 1\), binding w\d\d, cluster m\d\d: /);
  });

  it.each([
    [
      'raw scores above 100',
      scorePlugin('Greedy', () => 150),
      /score of m\d\d is 150 without normalizeScore; scores must lie in 0\.\.100/,
    ],
    [
      'fractional scores',
      scorePlugin('Fraction', () => 50.5),
      /is 50\.5 without normalizeScore; use whole numbers/,
    ],
    [
      'a score that is not a number',
      scorePlugin('Nan', () => Number.NaN),
      /is NaN, not a finite number/,
    ],
  ])('scores: %s', async (_case, registration, problem) => {
    expect((await checkPluginScores(registration, { fleets: 1 })).join('\n')).toMatch(problem);
  });

  it('args: a factory that ignores its args, and one that throws a TypeError', () => {
    const ignoring: PluginRegistration = {
      name: 'Lax',
      factory: () => ({ name: 'Lax', filter: () => Status.success }),
    };
    expect(checkPluginArgs(ignoring)).toEqual([
      `an unknown argument, args {"${UNKNOWN_ARGUMENT}":true} were accepted; they must be refused at pluginConfig[0].args.${UNKNOWN_ARGUMENT}`,
    ]);
    const throwing: PluginRegistration = {
      name: 'Plain',
      factory: (args) => {
        if (args !== undefined) throw new TypeError('no args, please');
        return { name: 'Plain', filter: () => Status.success };
      },
    };
    expect(checkPluginArgs(throwing)[0]).toMatch(
      /the factory threw TypeError: no args, please; it must throw a ValidationError \(parseWith\(schema, args\)\)/,
    );
    expect(checkPluginArgs(frozen, { invalidArgs: [{ args: { a: 1 }, path: 'b' }] })).toEqual([
      'args {"a":1} were refused at pluginConfig[0].args.a; expected pluginConfig[0].args.b',
    ]);
  });

  it('construction: a plugin named unlike its registration, and one with no point', () => {
    const misnamed: PluginRegistration = {
      name: 'Right',
      factory: () => ({ name: 'Wrong', filter: () => Status.success }),
    };
    expect(checkPluginConstruction(misnamed)[0]).toMatch(
      /built a plugin named "Wrong" for the registration "Right"/,
    );
    const pointless: PluginRegistration = { name: 'Idle', factory: () => ({ name: 'Idle' }) };
    expect(checkPluginConstruction(pointless)[0]).toMatch(/has no method of any extension point/);
  });

  it('equivalence: a filter whose key leaves out what its verdict reads', async () => {
    // The verdict depends on the binding's replicas, but the key says it depends on nothing.
    const liar = filterPlugin(
      'Liar',
      (_s, binding, cluster) =>
        (binding.spec.replicas + cluster.metadata.name.length) % 2 === 0
          ? Status.unschedulable('is odd')
          : Status.success,
      { equivalenceKey: () => '' },
    );
    const problems = await checkPluginEquivalence(liar, { fleets: 3 });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(
      /^fleet \d \(seed 1\), round \d, binding w\d\d: with sharing .*; without /,
    );
    // The same verdicts without a key are never shared, and so never differ.
    const honest = filterPlugin('Honest', (_s, binding, cluster) =>
      (binding.spec.replicas + cluster.metadata.name.length) % 2 === 0
        ? Status.unschedulable('is odd')
        : Status.success,
    );
    expect(await checkPluginEquivalence(honest, { fleets: 3 })).toEqual([]);
  });

  it('the same seed generates the same problems; another seed other inputs', async () => {
    const liar = filterPlugin(
      'Liar',
      (_s, b) => (b.spec.replicas > 3 ? Status.unschedulable('is busy') : Status.success),
      {
        equivalenceKey: () => '',
      },
    );
    const first = await checkPluginEquivalence(liar, { fleets: 2, seed: 5 });
    expect(await checkPluginEquivalence(liar, { fleets: 2, seed: 5 })).toEqual(first);
    expect(await checkPluginEquivalence(liar, { fleets: 2, seed: 6 })).not.toEqual(first);
  });

  it('describePluginConformance registers cases that fail for a broken plugin', async () => {
    const cases: { name: string; body: () => Promise<void> }[] = [];
    const api: Pick<ConformanceTestApi, 'describe' | 'it'> = {
      describe: (_name, body) => body(),
      it: (name, body) => void cases.push({ name, body }),
    };
    const broken: PluginRegistration = {
      name: 'Broken',
      factory: () => ({
        name: 'Broken',
        filter: () => Status.unschedulable('cluster is broken'),
        score: () => 500,
      }),
    };
    describePluginConformance(broken, { testApi: api, fleets: 1 });
    const outcomes = await Promise.all(
      cases.map(async ({ name, body }) => {
        try {
          await body();
          return [name, 'passed'];
        } catch (error) {
          return [name, (error as Error).message.split('\n')[0]];
        }
      }),
    );
    expect(Object.fromEntries(outcomes)).toEqual({
      'is built by its registration, under its name, with each valid args': 'passed',
      'refuses an unknown argument and each invalid args at its field path': 'args:',
      'returns only the status codes each point may return, with readable reasons, the same on a second call':
        'statuses:',
      'scores in 0..100 after normalization': 'scores:',
      'keeps its equivalence promise: the same results with and without sharing on generated fleets':
        'passed',
    });
  });
});

describe('scheduleOnce', () => {
  const registrations = [
    frozen,
    scorePlugin('Cheap', (_s, _b, c) => 100 - Number(c.metadata.labels?.cost ?? 100)),
  ];
  const profile = {
    schedulerName: 'test',
    plugins: {
      filter: { enabled: [{ name: 'Frozen' }] },
      score: { enabled: [{ name: 'Cheap', weight: 2 }] },
    },
  };

  it('places the replicas on the best-ranked feasible cluster and says why', async () => {
    const outcome = await scheduleOnce({
      registrations,
      profile,
      clusters: [
        makeCluster('m1').labels({ cost: '1', frozen: 'true' }).build(),
        makeCluster('m2').labels({ cost: '30' }).build(),
        makeCluster('m3').labels({ cost: '5' }).build(),
      ],
      binding: makeBinding('web', { replicas: 2 }),
    });
    expect(outcome.placement).toEqual({ m3: 2 });
    expect(outcome.ranking).toEqual([
      { cluster: 'm3', score: 190 },
      { cluster: 'm2', score: 140 },
    ]);
    expect(outcome.explanation).toBe('placed by TopRanked: m3=2; ranking m3 190, m2 140');
  });

  it('explains an unschedulable binding as the scheduler does', async () => {
    const outcome = await scheduleOnce({
      registrations,
      profile,
      clusters: [
        makeCluster('m1').labels({ frozen: 'true' }).build(),
        makeCluster('m2').labels({ frozen: 'true' }).build(),
      ],
      binding: makeBinding('web'),
    });
    expect(outcome.result.ok).toBe(false);
    expect(outcome.placement).toEqual({});
    expect(outcome.explanation).toBe('0/2 clusters are available: 2 cluster(s) is frozen.');
  });

  it('refuses a profile with a misspelled point, naming the field', async () => {
    await expect(
      scheduleOnce({
        registrations,
        profile: { schedulerName: 'test', plugins: { fitler: { enabled: [{ name: 'Frozen' }] } } },
        clusters: [],
        binding: makeBinding('web'),
      }),
    ).rejects.toThrow(ValidationError);
  });
});
