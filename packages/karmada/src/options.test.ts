import { ValidationError } from '@lifeboat/core';
import { parseKarmadaOptions } from './options';

describe('parseKarmadaOptions', () => {
  it('fills in Karmada defaults (durations in milliseconds) with every feature gate on', () => {
    const { taintPolicies, ...settings } = parseKarmadaOptions();
    expect(settings).toEqual({
      clusterStatusUpdateFrequency: 10_000,
      clusterSuccessThreshold: 30_000,
      clusterFailureThreshold: 30_000,
      clusterMonitorPeriod: 5_000,
      clusterMonitorGracePeriod: 40_000,
      clusterStartupGracePeriod: 60_000,
      clusterLeaseDuration: 40_000,
      clusterLeaseRenewIntervalFraction: 0.25,
      resourceEvictionRate: 0.5,
      gracefulEvictionTimeout: 600_000,
      noExecuteTaintEvictionPurgeMode: 'Gracefully',
      enableTaintManager: true,
      enableNoExecuteTaintEviction: true,
      unhealthyClusterThreshold: 0.55,
      featureGates: { Failover: true, GracefulEviction: true, MassFailureGuard: true },
    });
    expect(taintPolicies.map((p) => p.name)).toEqual([
      'lifeboat-default-not-ready',
      'lifeboat-default-unreachable',
    ]);
  });

  it.each([
    { name: 'seconds as a number', input: 45, want: 45_000 },
    { name: 'a string in seconds', input: '30s', want: 30_000 },
    { name: 'a string in minutes', input: '10m', want: 600_000 },
    { name: 'a string in hours', input: '1h', want: 3_600_000 },
    { name: 'a string in milliseconds', input: '1500ms', want: 1_500 },
    { name: 'a Go duration with several units', input: '1m30s', want: 90_000 },
    { name: 'a fractional Go duration', input: '1.5h', want: 5_400_000 },
  ])('accepts a duration as $name', ({ input, want }) => {
    expect(parseKarmadaOptions({ gracefulEvictionTimeout: input }).gracefulEvictionTimeout).toBe(
      want,
    );
  });

  it('lets a feature gate be turned off without touching the others', () => {
    expect(parseKarmadaOptions({ featureGates: { Failover: false } }).featureGates).toEqual({
      Failover: false,
      GracefulEviction: true,
      MassFailureGuard: true,
    });
  });

  it('an empty taintPolicies list turns the shipped policies off', () => {
    expect(parseKarmadaOptions({ taintPolicies: [] }).taintPolicies).toEqual([]);
  });

  it.each([
    {
      name: 'an unknown setting',
      input: { clusterFailureTreshold: '30s' },
      path: 'settings.clusterFailureTreshold',
      message: 'unknown field',
    },
    {
      name: 'an unknown feature gate',
      input: { featureGates: { Failvoer: true } },
      path: 'settings.featureGates.Failvoer',
      message: 'unknown field',
    },
    {
      name: 'an unhealthyClusterThreshold of 0',
      input: { unhealthyClusterThreshold: 0 },
      path: 'settings.unhealthyClusterThreshold',
      message: 'Too small: expected number to be >0',
    },
    {
      name: 'an unhealthyClusterThreshold above 1',
      input: { unhealthyClusterThreshold: 1.5 },
      path: 'settings.unhealthyClusterThreshold',
      message: 'Too big: expected number to be <=1',
    },
    {
      name: 'an unhealthyClusterThreshold that is not a number',
      input: { unhealthyClusterThreshold: '55%' },
      path: 'settings.unhealthyClusterThreshold',
      message: 'expected number, got "55%"',
    },
    {
      name: 'a malformed duration',
      input: { clusterFailureThreshold: '30 seconds' },
      path: 'settings.clusterFailureThreshold',
      message: 'invalid duration "30 seconds"',
    },
    {
      name: 'a negative duration',
      input: { clusterMonitorPeriod: -5 },
      path: 'settings.clusterMonitorPeriod',
      message: 'duration -5s is below the minimum 100ms',
    },
    {
      name: 'a negative threshold',
      input: { clusterFailureThreshold: '-30s' },
      path: 'settings.clusterFailureThreshold',
      message: 'duration "-30s" must not be negative',
    },
    {
      name: "a duration beyond Node's timer limit",
      input: { gracefulEvictionTimeout: '999999h' },
      path: 'settings.gracefulEvictionTimeout',
      message: 'duration "999999h" is above the maximum 596h31m23.647s',
    },
    {
      name: 'a zero probe period',
      input: { clusterStatusUpdateFrequency: '0s' },
      path: 'settings.clusterStatusUpdateFrequency',
      message: 'duration "0s" is below the minimum 100ms',
    },
    {
      name: 'a negative eviction rate',
      input: { resourceEvictionRate: -1 },
      path: 'settings.resourceEvictionRate',
      message: '',
    },
    {
      name: 'an unknown purge mode',
      input: { noExecuteTaintEvictionPurgeMode: 'Never' },
      path: 'settings.noExecuteTaintEvictionPurgeMode',
      message: '',
    },
    {
      name: 'a taint policy without taints',
      input: { taintPolicies: [{ name: 'p', taints: [] }] },
      path: 'settings.taintPolicies[0].taints',
      message: '',
    },
  ])('rejects $name, naming the field', ({ input, path, message }) => {
    let error: unknown;
    try {
      parseKarmadaOptions(input, 'settings');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const issue = (error as ValidationError).issues[0];
    expect(issue?.path).toBe(path);
    expect(issue?.message).toContain(message);
  });

  it('reports every problem at once', () => {
    expect(() => parseKarmadaOptions({ a: 1, clusterMonitorPeriod: 'x' })).toThrow(
      'a: unknown field',
    );
    expect(() => parseKarmadaOptions({ a: 1, clusterMonitorPeriod: 'x' })).toThrow(
      'clusterMonitorPeriod: invalid duration "x"',
    );
  });
});
