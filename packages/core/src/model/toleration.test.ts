import type { Taint } from './taint';
import {
  findUntoleratedTaint,
  matchingTolerations,
  minTolerationSeconds,
  tolerates,
  type Toleration,
} from './toleration';

// Cases follow Kubernetes' TestTolerationToleratesTaint (staging/src/k8s.io/api/core/v1/toleration_test.go).
describe('tolerates', () => {
  const taint: Taint = { key: 'foo', value: 'bar', effect: 'NoSchedule' };

  it.each<{ name: string; toleration: Toleration; taint?: Taint; want: boolean }>([
    {
      name: 'an empty key with Exists tolerates every taint',
      toleration: { operator: 'Exists' },
      want: true,
    },
    {
      name: 'an empty key with Exists tolerates a NoExecute taint too',
      toleration: { operator: 'Exists' },
      taint: { key: 'x', effect: 'NoExecute' },
      want: true,
    },
    {
      name: 'an empty key with Exists and an effect tolerates only that effect',
      toleration: { operator: 'Exists', effect: 'NoExecute' },
      want: false,
    },
    {
      name: 'an empty effect matches every effect',
      toleration: { key: 'foo', operator: 'Equal', value: 'bar' },
      taint: { key: 'foo', value: 'bar', effect: 'NoExecute' },
      want: true,
    },
    {
      name: 'a different effect does not match',
      toleration: { key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' },
      want: false,
    },
    {
      name: 'the same effect matches',
      toleration: { key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' },
      want: true,
    },
    {
      name: 'Equal compares values: equal',
      toleration: { key: 'foo', operator: 'Equal', value: 'bar' },
      want: true,
    },
    {
      name: 'Equal compares values: different',
      toleration: { key: 'foo', operator: 'Equal', value: 'baz' },
      want: false,
    },
    {
      name: 'Equal with no value matches a taint with no value',
      toleration: { key: 'foo', operator: 'Equal' },
      taint: { key: 'foo', effect: 'NoSchedule' },
      want: true,
    },
    {
      name: 'Equal with no value does not match a taint with a value',
      toleration: { key: 'foo', operator: 'Equal' },
      want: false,
    },
    {
      name: 'an empty value equals no value',
      toleration: { key: 'foo', operator: 'Equal', value: '' },
      taint: { key: 'foo', effect: 'NoSchedule' },
      want: true,
    },
    {
      name: 'a missing operator means Equal',
      toleration: { key: 'foo', value: 'bar' },
      want: true,
    },
    {
      name: 'a missing operator means Equal, so values must match',
      toleration: { key: 'foo', value: 'other' },
      want: false,
    },
    {
      name: 'Exists ignores the value',
      toleration: { key: 'foo', operator: 'Exists', value: 'ignored' },
      want: true,
    },
    {
      name: 'Exists with a key matches a taint with no value',
      toleration: { key: 'foo', operator: 'Exists' },
      taint: { key: 'foo', effect: 'NoSchedule' },
      want: true,
    },
    {
      name: 'Exists needs the key to match',
      toleration: { key: 'other', operator: 'Exists' },
      want: false,
    },
    {
      name: 'Equal needs the key to match',
      toleration: { key: 'other', operator: 'Equal', value: 'bar' },
      want: false,
    },
    {
      name: 'keys are case-sensitive',
      toleration: { key: 'Foo', operator: 'Exists' },
      want: false,
    },
  ])('$name', ({ toleration, taint: t, want }) => {
    expect(tolerates(toleration, t ?? taint)).toBe(want);
  });
});

describe('findUntoleratedTaint', () => {
  const noSchedule: Taint = { key: 'a', effect: 'NoSchedule' };
  const preferNo: Taint = { key: 'b', effect: 'PreferNoSchedule' };
  const noExecute: Taint = { key: 'c', value: 'v', effect: 'NoExecute' };

  it.each<{
    name: string;
    taints: Taint[];
    tolerations: Toleration[];
    filter?: (t: Taint) => boolean;
    want: Taint | undefined;
  }>([
    {
      name: 'a cluster with no taints has nothing untolerated',
      taints: [],
      tolerations: [],
      want: undefined,
    },
    {
      name: 'no tolerations: the first taint is untolerated',
      taints: [noSchedule, noExecute],
      tolerations: [],
      want: noSchedule,
    },
    {
      name: 'the first taint no toleration covers is returned',
      taints: [noSchedule, preferNo, noExecute],
      tolerations: [{ key: 'a', operator: 'Exists' }],
      want: preferNo,
    },
    {
      name: 'all tolerated',
      taints: [noSchedule, noExecute],
      tolerations: [{ operator: 'Exists' }],
      want: undefined,
    },
    {
      name: 'the filter limits which taints count',
      taints: [noSchedule, preferNo, noExecute],
      tolerations: [],
      filter: (t) => t.effect === 'NoExecute',
      want: noExecute,
    },
    {
      name: 'PreferNoSchedule filtered out is never reported',
      taints: [preferNo],
      tolerations: [],
      filter: (t) => t.effect !== 'PreferNoSchedule',
      want: undefined,
    },
  ])('$name', ({ taints, tolerations, filter, want }) => {
    expect(findUntoleratedTaint(taints, tolerations, filter)).toBe(want);
  });
});

describe('matchingTolerations', () => {
  it('returns the tolerations that tolerate the taint, in order', () => {
    const tolerations: Toleration[] = [
      { key: 'a', operator: 'Exists' },
      { key: 'b', operator: 'Exists' },
      { operator: 'Exists', effect: 'NoExecute' },
      { operator: 'Exists', effect: 'NoSchedule' },
    ];
    expect(matchingTolerations(tolerations, { key: 'a', effect: 'NoExecute' })).toEqual([
      tolerations[0],
      tolerations[2],
    ]);
  });
});

describe('minTolerationSeconds', () => {
  const down: Taint = { key: 'down', effect: 'NoExecute' };
  const unreachable: Taint = { key: 'unreachable', effect: 'NoExecute' };

  it.each<{ name: string; taints: Taint[]; tolerations: Toleration[]; want: number | undefined }>([
    { name: 'no taints: stay forever', taints: [], tolerations: [], want: undefined },
    {
      name: 'a taint no toleration tolerates: leave now',
      taints: [down],
      tolerations: [],
      want: 0,
    },
    {
      name: 'a toleration without seconds: stay forever',
      taints: [down],
      tolerations: [{ key: 'down', operator: 'Exists' }],
      want: undefined,
    },
    {
      name: 'a toleration with seconds: that long',
      taints: [down],
      tolerations: [{ key: 'down', operator: 'Exists', tolerationSeconds: 300 }],
      want: 300,
    },
    {
      name: 'zero seconds: leave now',
      taints: [down],
      tolerations: [{ key: 'down', operator: 'Exists', tolerationSeconds: 0 }],
      want: 0,
    },
    {
      name: 'negative seconds count as zero',
      taints: [down],
      tolerations: [{ key: 'down', operator: 'Exists', tolerationSeconds: -30 }],
      want: 0,
    },
    {
      name: 'the smallest over the matching tolerations of all taints',
      taints: [down, unreachable],
      tolerations: [
        { key: 'down', operator: 'Exists', tolerationSeconds: 300 },
        { key: 'unreachable', operator: 'Exists', tolerationSeconds: 60 },
        { key: 'other', operator: 'Exists', tolerationSeconds: 1 },
      ],
      want: 60,
    },
    {
      name: 'a forever toleration of one taint does not lift the limit another taint sets',
      taints: [down, unreachable],
      tolerations: [
        { key: 'down', operator: 'Exists' },
        { key: 'unreachable', operator: 'Exists', tolerationSeconds: 120 },
      ],
      want: 120,
    },
    {
      name: 'one untolerated taint among tolerated ones: leave now',
      taints: [down, unreachable],
      tolerations: [{ key: 'down', operator: 'Exists', tolerationSeconds: 300 }],
      want: 0,
    },
    {
      name: 'only the first matching toleration of a taint counts, as in Kubernetes',
      taints: [down],
      tolerations: [
        { key: 'down', operator: 'Exists' },
        { operator: 'Exists', tolerationSeconds: 30 },
      ],
      want: undefined,
    },
    {
      name: 'a later toleration with seconds does not shorten a first one without',
      taints: [down],
      tolerations: [
        { operator: 'Exists', tolerationSeconds: 30 },
        { key: 'down', operator: 'Exists' },
      ],
      want: 30,
    },
    {
      name: 'a non-matching toleration with seconds is ignored',
      taints: [down],
      tolerations: [
        { key: 'down', operator: 'Exists' },
        { key: 'down', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 },
      ],
      want: undefined,
    },
  ])('$name', ({ taints, tolerations, want }) => {
    expect(minTolerationSeconds(taints, tolerations)).toBe(want);
  });
});
