import { ValidationError } from '@lifeboat/core';
import { parseClusternetOptions } from './options';

describe('parseClusternetOptions', () => {
  it('fills in Clusternet defaults when given nothing', () => {
    expect(parseClusternetOptions()).toEqual({
      featureGates: { FailOver: false },
      settings: {
        clusterStatusCollectFrequency: 20_000,
        clusterStatusUpdateFrequency: 180_000,
        clusterMonitorGracePeriod: 540_000,
        predictorTimeout: 20_000,
      },
      failover: {
        honorTolerationSeconds: false,
        keepOldReplicasUntilReady: false,
        gracefulEvictionTimeout: 600_000,
      },
    });
  });

  it.each([
    { name: 'a Go duration', input: '1m30s', want: 90_000 },
    { name: 'milliseconds', input: '500ms', want: 500 },
    { name: 'a plain number of seconds', input: 20, want: 20_000 },
    { name: 'hours', input: '1h', want: 3_600_000 },
  ])('reads $name as a duration', ({ input, want }) => {
    expect(
      parseClusternetOptions({ settings: { clusterStatusUpdateFrequency: input } }).settings
        .clusterStatusUpdateFrequency,
    ).toBe(want);
  });

  it.each([
    {
      name: 'an unknown setting names its path',
      input: { settings: { clusterStatusUpdateFrequncy: '20s' } },
      want: 'settings.clusterStatusUpdateFrequncy: unknown field "clusterStatusUpdateFrequncy"',
    },
    {
      name: 'an unknown feature gate names its path',
      input: { featureGates: { Failover: true } },
      want: 'featureGates.Failover: unknown field "Failover"',
    },
    {
      name: 'a bad duration names its path',
      input: { settings: { clusterStatusCollectFrequency: 'soon' } },
      want: 'settings.clusterStatusCollectFrequency: invalid duration "soon": expected e.g. 20s, 3m, 1m30s or 500ms',
    },
    {
      name: 'an unknown top-level section names its path',
      input: { karmada: {} },
      want: 'karmada: unknown field "karmada"',
    },
  ])('$name', ({ input, want }) => {
    let error: unknown;
    try {
      parseClusternetOptions(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe(want);
  });
});
