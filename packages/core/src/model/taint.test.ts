import { TAINT_EFFECTS, describeTaint, formatTaint, sameTaint, type Taint } from './taint';

describe('taints', () => {
  it.each<{ name: string; a: Taint; b: Taint; want: boolean }>([
    {
      name: 'same key and effect are the same taint whatever the value',
      a: { key: 'k', value: '1', effect: 'NoSchedule' },
      b: { key: 'k', value: '2', effect: 'NoSchedule' },
      want: true,
    },
    {
      name: 'same key and effect are the same taint whatever the time added',
      a: { key: 'k', effect: 'NoExecute', timeAdded: 1 },
      b: { key: 'k', effect: 'NoExecute', timeAdded: 2 },
      want: true,
    },
    {
      name: 'another effect is another taint',
      a: { key: 'k', effect: 'NoSchedule' },
      b: { key: 'k', effect: 'NoExecute' },
      want: false,
    },
    {
      name: 'another key is another taint',
      a: { key: 'k', effect: 'NoSchedule' },
      b: { key: 'j', effect: 'NoSchedule' },
      want: false,
    },
  ])('$name', ({ a, b, want }) => {
    expect(sameTaint(a, b)).toBe(want);
    expect(sameTaint(b, a)).toBe(want);
  });

  it.each<{ taint: Taint; formatted: string; described: string }>([
    {
      taint: { key: 'cluster.karmada.io/not-ready', effect: 'NoExecute' },
      formatted: 'cluster.karmada.io/not-ready:NoExecute',
      described: '{cluster.karmada.io/not-ready: }',
    },
    {
      taint: { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
      formatted: 'dedicated:NoSchedule',
      described: '{dedicated: gpu}',
    },
  ])('prints $formatted', ({ taint, formatted, described }) => {
    expect(formatTaint(taint)).toBe(formatted);
    expect(describeTaint(taint)).toBe(described);
  });

  it('lists the three Kubernetes effects', () => {
    expect(TAINT_EFFECTS).toEqual(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);
  });
});
