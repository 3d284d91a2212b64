import { memberWorkloadOf } from './workload-status';

describe('memberWorkloadOf', () => {
  it.each([
    [
      'every replica ready and available on the current generation',
      {
        metadata: { generation: 2 },
        spec: { replicas: 3 },
        status: { observedGeneration: 2, readyReplicas: 3, availableReplicas: 3 },
      },
      { cluster: 'm1', running: 3, ready: 3 },
    ],
    [
      'ready but not yet available counts as not ready',
      {
        metadata: { generation: 1 },
        spec: { replicas: 3 },
        status: { observedGeneration: 1, readyReplicas: 3, availableReplicas: 1 },
      },
      { cluster: 'm1', running: 3, ready: 1 },
    ],
    [
      'a status for an older generation counts only its updated replicas',
      {
        metadata: { generation: 3 },
        spec: { replicas: 4 },
        status: {
          observedGeneration: 2,
          updatedReplicas: 1,
          readyReplicas: 4,
          availableReplicas: 4,
        },
      },
      { cluster: 'm1', running: 4, ready: 1 },
    ],
    [
      'no status yet',
      { metadata: { generation: 1 }, spec: { replicas: 2 } },
      { cluster: 'm1', running: 2, ready: 0 },
    ],
    [
      'a rollout past its progress deadline is unhealthy',
      {
        metadata: { generation: 1 },
        spec: { replicas: 2 },
        status: {
          observedGeneration: 1,
          readyReplicas: 1,
          availableReplicas: 1,
          conditions: [
            { type: 'Available', status: 'False' },
            { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' },
          ],
        },
      },
      { cluster: 'm1', running: 2, ready: 1, unhealthy: true },
    ],
  ])('%s', (_case, object, expected) => {
    expect(memberWorkloadOf('m1', object)).toEqual(expected);
  });
});
