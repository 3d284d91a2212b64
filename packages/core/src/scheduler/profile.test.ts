import { ValidationError } from '../errors/validation-error';
import { mergeProfiles, parseSchedulerProfile, type SchedulerProfile } from './profile';

const base: SchedulerProfile = {
  schedulerName: 'default',
  plugins: {
    filter: { enabled: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] },
    score: {
      enabled: [
        { name: 'S1', weight: 1 },
        { name: 'S2', weight: 2 },
        { name: 'S3', weight: 3 },
      ],
    },
  },
  pluginConfig: [
    { name: 'A', args: { a: 1 } },
    { name: 'S1', args: { s: 1 } },
  ],
};

const names = (p: SchedulerProfile, point: string) =>
  (p.plugins[point]?.enabled ?? []).map((e) =>
    e.weight === undefined ? e.name : `${e.name}*${e.weight}`,
  );

describe('mergeProfiles', () => {
  it.each<{
    name: string;
    overrides: Partial<SchedulerProfile>;
    filter: string[];
    score: string[];
  }>([
    {
      name: 'no overrides keep the base',
      overrides: {},
      filter: ['A', 'B', 'C'],
      score: ['S1*1', 'S2*2', 'S3*3'],
    },
    {
      name: 'disabling one plugin drops it and keeps the order of the rest',
      overrides: { plugins: { filter: { disabled: ['B'] } } },
      filter: ['A', 'C'],
      score: ['S1*1', 'S2*2', 'S3*3'],
    },
    {
      name: "disabling '*' drops every base plugin at that point only",
      overrides: { plugins: { filter: { disabled: ['*'] } } },
      filter: [],
      score: ['S1*1', 'S2*2', 'S3*3'],
    },
    {
      name: "disabling '*' and enabling one leaves only that one",
      overrides: { plugins: { filter: { disabled: ['*'], enabled: [{ name: 'X' }] } } },
      filter: ['X'],
      score: ['S1*1', 'S2*2', 'S3*3'],
    },
    {
      name: 're-weighting a kept plugin replaces it in place',
      overrides: { plugins: { score: { enabled: [{ name: 'S2', weight: 7 }] } } },
      filter: ['A', 'B', 'C'],
      score: ['S1*1', 'S2*7', 'S3*3'],
    },
    {
      name: 'new plugins are appended in order',
      overrides: { plugins: { filter: { enabled: [{ name: 'E' }, { name: 'D' }] } } },
      filter: ['A', 'B', 'C', 'E', 'D'],
      score: ['S1*1', 'S2*2', 'S3*3'],
    },
    {
      name: 'a plugin disabled and enabled again moves to the end',
      overrides: { plugins: { filter: { disabled: ['A'], enabled: [{ name: 'A' }] } } },
      filter: ['B', 'C', 'A'],
      score: ['S1*1', 'S2*2', 'S3*3'],
    },
    {
      name: 'disabling a name the base lacks changes nothing',
      overrides: { plugins: { filter: { disabled: ['Nope'] } } },
      filter: ['A', 'B', 'C'],
      score: ['S1*1', 'S2*2', 'S3*3'],
    },
    {
      name: 'disable, re-weight and append together',
      overrides: {
        plugins: {
          score: {
            disabled: ['S1'],
            enabled: [
              { name: 'S3', weight: 9 },
              { name: 'S4', weight: 4 },
            ],
          },
        },
      },
      filter: ['A', 'B', 'C'],
      score: ['S2*2', 'S3*9', 'S4*4'],
    },
  ])('$name', ({ overrides, filter, score }) => {
    const merged = mergeProfiles(base, overrides);
    expect(names(merged, 'filter')).toEqual(filter);
    expect(names(merged, 'score')).toEqual(score);
  });

  it('adds points the base does not have (a flavour point)', () => {
    const merged = mergeProfiles(base, {
      plugins: { predict: { enabled: [{ name: 'Predictor' }] } },
    });
    expect(names(merged, 'predict')).toEqual(['Predictor']);
  });

  it('replaces args by plugin name, keeps the others and appends new ones', () => {
    const merged = mergeProfiles(base, {
      pluginConfig: [
        { name: 'S1', args: { s: 2 } },
        { name: 'B', args: { b: 1 } },
      ],
    });
    expect(merged.pluginConfig).toEqual([
      { name: 'A', args: { a: 1 } },
      { name: 'S1', args: { s: 2 } },
      { name: 'B', args: { b: 1 } },
    ]);
  });

  it('takes the override scheduler name, else the base one', () => {
    expect(mergeProfiles(base, { schedulerName: 'custom' }).schedulerName).toBe('custom');
    expect(mergeProfiles(base, {}).schedulerName).toBe('default');
  });

  it('does not change the base', () => {
    const before = JSON.stringify(base);
    mergeProfiles(base, {
      plugins: { filter: { disabled: ['*'] }, score: { enabled: [{ name: 'S1', weight: 5 }] } },
      pluginConfig: [{ name: 'A', args: 2 }],
    });
    expect(JSON.stringify(base)).toBe(before);
  });
});

describe('parseSchedulerProfile', () => {
  it('accepts a well-formed profile as is', () => {
    const input = {
      schedulerName: 'default',
      plugins: {
        filter: { enabled: [{ name: 'A' }], disabled: ['*'] },
        score: { enabled: [{ name: 'S', weight: 3 }] },
      },
      pluginConfig: [{ name: 'A', args: { anything: ['goes'] } }],
    };
    expect(parseSchedulerProfile(input)).toEqual(input);
  });

  it.each<{ name: string; input: unknown; issues: { path: string; message: string }[] }>([
    {
      name: 'an empty scheduler name',
      input: { schedulerName: '', plugins: {} },
      issues: [
        {
          path: 'profiles[0].schedulerName',
          message: 'Too small: expected string to have >=1 characters',
        },
      ],
    },
    {
      name: 'missing plugins',
      input: { schedulerName: 'x' },
      issues: [
        {
          path: 'profiles[0].plugins',
          message: 'required',
        },
      ],
    },
    {
      name: 'bad weights, an empty name and a misspelt field, all at once',
      input: {
        schedulerName: 'x',
        plugins: {
          score: {
            enabled: [
              { name: 'A', weight: 0 },
              { name: '', weight: 1.5 },
            ],
            enable: [],
          },
        },
      },
      issues: [
        {
          path: 'profiles[0].plugins.score.enabled[0].weight',
          message: 'weights are positive (disable the plugin instead of weighting it 0)',
        },
        {
          path: 'profiles[0].plugins.score.enabled[1].name',
          message: 'Too small: expected string to have >=1 characters',
        },
        {
          path: 'profiles[0].plugins.score.enabled[1].weight',
          message: 'weights are whole numbers (got 1.5)',
        },
        {
          path: 'profiles[0].plugins.score.enable',
          message: 'unknown field "enable"; did you mean "enabled"?',
        },
      ],
    },
    {
      name: 'wrong types in disabled and pluginConfig, and an unknown top-level field',
      input: {
        schedulerName: 'x',
        plugins: { filter: { disabled: [1] } },
        pluginConfig: [{ args: 1 }],
        extra: true,
      },
      issues: [
        {
          path: 'profiles[0].plugins.filter.disabled[0]',
          message: 'expected string, got 1',
        },
        {
          path: 'profiles[0].pluginConfig[0].name',
          message: 'required',
        },
        { path: 'profiles[0].extra', message: 'unknown field "extra"' },
      ],
    },
    {
      name: 'not an object',
      input: 'nope',
      issues: [{ path: 'profiles[0]', message: 'expected a mapping, got "nope"' }],
    },
  ])('rejects $name, naming each field path', ({ input, issues }) => {
    let caught: unknown;
    try {
      parseSchedulerProfile(input, 'profiles[0]');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).issues).toEqual(issues);
    expect((caught as ValidationError).message).toBe(
      issues.map((i) => `${i.path}: ${i.message}`).join('\n'),
    );
  });

  it('without a base path names fields from the top', () => {
    expect(() =>
      parseSchedulerProfile({
        schedulerName: 'x',
        plugins: { score: { enabled: [{ name: 'A', weight: -1 }] } },
      }),
    ).toThrow(
      'plugins.score.enabled[0].weight: weights are positive (disable the plugin instead of weighting it 0)',
    );
  });

  it('rejects an unknown extension point at its path, and accepts the points a flavour adds', () => {
    const input = { schedulerName: 'x', plugins: { fitler: { enabled: [{ name: 'A' }] } } };
    expect(() => parseSchedulerProfile(input, 'spec.schedulerProfile')).toThrow(
      'spec.schedulerProfile.plugins.fitler: unknown extension point "fitler"; the points are preFilter, filter, postFilter, preScore, score, reserve',
    );
    const predict = { schedulerName: 'x', plugins: { predict: { enabled: [{ name: 'P' }] } } };
    expect(() => parseSchedulerProfile(predict)).toThrow(
      'plugins.predict: unknown extension point',
    );
    expect(parseSchedulerProfile(predict, '', ['filter', 'predict'])).toEqual(predict);
  });
});
