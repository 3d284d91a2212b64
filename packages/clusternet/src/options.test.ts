import { ValidationError } from '@lifeboat/core';
import { parseClusternetOptions } from './options';

describe('parseClusternetOptions', () => {
  it('fills in Clusternet defaults when given nothing', () => {
    expect(parseClusternetOptions()).toEqual({
      featureGates: { FailOver: false, MassFailureGuard: true },
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
        unhealthyClusterThreshold: 0.55,
      },
    });
  });

  it('reads failbackStabilizationWindow as a duration, absent (off) by default', () => {
    expect(parseClusternetOptions().failover.failbackStabilizationWindow).toBeUndefined();
    expect(
      parseClusternetOptions({ failover: { failbackStabilizationWindow: '5m' } }).failover
        .failbackStabilizationWindow,
    ).toBe(300_000);
  });

  it.each([
    { name: 'a Go duration', input: '1m30s', want: 90_000 },
    { name: 'milliseconds', input: '500ms', want: 500 },
    { name: 'a plain number of seconds', input: 20, want: 20_000 },
    { name: 'hours', input: '1h', want: 3_600_000 },
    { name: 'fractional hours', input: '1.5h', want: 5_400_000 },
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
      want: 'settings.clusterStatusUpdateFrequncy: unknown field "clusterStatusUpdateFrequncy"; did you mean "clusterStatusUpdateFrequency"?',
    },
    {
      name: 'an unknown feature gate names its path',
      input: { featureGates: { Failover: true } },
      want: 'featureGates.Failover: unknown field "Failover"; did you mean "FailOver"?',
    },
    {
      name: 'a bad duration names its path',
      input: { settings: { clusterStatusCollectFrequency: 'soon' } },
      want: 'settings.clusterStatusCollectFrequency: invalid duration "soon": expected a number at "soon" (use a Go duration such as 300ms, 1m30s or 1.5h, or a number of seconds)',
    },
    {
      name: 'a zero heartbeat period names its path',
      input: { settings: { clusterStatusUpdateFrequency: 0 } },
      want: 'settings.clusterStatusUpdateFrequency: duration 0s is below the minimum 100ms',
    },
    {
      name: 'a heartbeat period of a millisecond is below the floor for anything that repeats',
      input: { settings: { clusterStatusUpdateFrequency: 0.001 } },
      want: 'settings.clusterStatusUpdateFrequency: duration 0.001s is below the minimum 100ms',
    },
    {
      name: "a duration beyond Node's timer limit names its path",
      input: { failover: { gracefulEvictionTimeout: '999999h' } },
      want: `failover.gracefulEvictionTimeout: duration "999999h" is above the maximum 596h31m23.647s (Node's timer limit)`,
    },
    {
      name: 'an unhealthyClusterThreshold above 1 names its path',
      input: { failover: { unhealthyClusterThreshold: 2 } },
      want: 'failover.unhealthyClusterThreshold: Too big: expected number to be <=1',
    },
    {
      name: 'a failback window under a second names its path',
      input: { failover: { failbackStabilizationWindow: '500ms' } },
      want: 'failover.failbackStabilizationWindow: duration "500ms" is below the minimum 1s',
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
