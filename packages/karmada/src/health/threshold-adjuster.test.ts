import type { Condition, ConditionStatus } from '@lifeboat/core';
import { ThresholdAdjuster } from './threshold-adjuster';

const ready = (status: ConditionStatus, at = 0): Condition => ({
  type: 'Ready',
  status,
  reason: `R${status}`,
  message: '',
  lastTransitionTime: at,
});

/** Feeds observations at the given seconds, starting from `stored`, and returns the status held after each. */
function run(
  stored: ConditionStatus | undefined,
  observations: [number, ConditionStatus][],
): ConditionStatus[] {
  const adjuster = new ThresholdAdjuster(30_000, 30_000);
  let current = stored ? ready(stored) : undefined;
  return observations.map(([second, status]) => {
    current = adjuster.adjust('member1', current, ready(status, second * 1000), second * 1000);
    return current.status;
  });
}

describe('ThresholdAdjuster', () => {
  it.each<{
    name: string;
    stored: ConditionStatus | undefined;
    observations: [number, ConditionStatus][];
    want: ConditionStatus[];
  }>([
    {
      name: 'the first observation of a cluster is taken as it is',
      stored: 'True',
      observations: [[0, 'False']],
      want: ['False'],
    },
    {
      name: 'a failing cluster turns False only once it has failed for the failure threshold',
      stored: 'True',
      observations: [
        [0, 'True'],
        [10, 'False'],
        [20, 'False'],
        [30, 'False'],
        [40, 'False'],
      ],
      want: ['True', 'True', 'True', 'True', 'False'],
    },
    {
      name: 'a blip shorter than the threshold never changes Ready',
      stored: 'True',
      observations: [
        [0, 'True'],
        [10, 'False'],
        [20, 'False'],
        [30, 'True'],
        [40, 'False'],
        [50, 'False'],
        [60, 'True'],
      ],
      want: ['True', 'True', 'True', 'True', 'True', 'True', 'True'],
    },
    {
      name: 'a recovered cluster must be healthy for the success threshold before it is True again',
      stored: 'False',
      observations: [
        [0, 'False'],
        [10, 'True'],
        [30, 'True'],
        [40, 'True'],
      ],
      want: ['False', 'False', 'False', 'True'],
    },
    {
      name: 'False to Unknown is not debounced',
      stored: 'False',
      observations: [
        [0, 'False'],
        [10, 'Unknown'],
      ],
      want: ['False', 'Unknown'],
    },
  ])('$name', ({ stored, observations, want }) => {
    expect(run(stored, observations)).toEqual(want);
  });

  it('takes the observation at once while the cluster has no Ready condition stored', () => {
    const adjuster = new ThresholdAdjuster(30_000, 30_000);
    expect(adjuster.adjust('member1', undefined, ready('True'), 0).status).toBe('True');
    expect(adjuster.adjust('member1', undefined, ready('False'), 10_000).status).toBe('False');
  });

  it('forgetting a cluster makes its next observation count as the first', () => {
    const adjuster = new ThresholdAdjuster(30_000, 30_000);
    adjuster.adjust('member1', ready('True'), ready('True'), 0);
    expect(adjuster.adjust('member1', ready('True'), ready('False'), 10_000).status).toBe('True');
    adjuster.forget('member1');
    expect(adjuster.adjust('member1', ready('True'), ready('False'), 20_000).status).toBe('False');
  });
});
