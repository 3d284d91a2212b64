import { CycleState, Status, stateKey, type Cluster, type SchedulerPlugin } from '@lifeboat/core';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import type { PredictPlugin, PrePredictPlugin } from './extension-points';
import { Predictor } from './plugins/predictor/predictor';
import { PredictCapacityEstimator, type PredictPoints } from './predict-capacity-estimator';

const dynamic = makeBinding('d', {
  replicas: 4,
  request: { cpu: '500m' },
  placement: {
    replicaScheduling: {
      type: 'Divided',
      division: 'DynamicWeight',
      dynamicWeight: 'AvailableReplicas',
    },
  },
});
const clusters = ['a', 'b', 'c'].map((n) => makeCluster(n).build());

function points(byPoint: Record<string, SchedulerPlugin[]>): PredictPoints {
  return {
    pluginsAt: (point: string) => (byPoint[point] ?? []).map((plugin) => ({ plugin, weight: 1 })),
  } as unknown as PredictPoints;
}
function fixed(name: string, answers: Record<string, number | Error | undefined>): PredictPlugin {
  const inner = new Predictor({
    predict: async (cluster: Cluster) => {
      const answer = answers[cluster.metadata.name];
      if (answer instanceof Error) throw answer;
      return answer;
    },
  });
  return { name, predict: (state, binding, cluster) => inner.predict(state, binding, cluster) };
}

describe('PredictCapacityEstimator', () => {
  // Clusternet's TestMergeFeedReplicas (pkg/scheduler/framework/runtime/framework_test.go), one
  // feed per binding here: each case is one cluster answered by two predict plugins (`undefined`:
  // the plugin skipped; `Error`: it failed). Its two cases about feed lists of different lengths
  // have no counterpart (a binding is one feed).
  it.each<{
    name: string;
    first: number | Error | undefined;
    second: number | Error | undefined;
    want: number | 'unpredicted';
  }>([
    {
      name: 'both plugins leave it empty',
      first: undefined,
      second: undefined,
      want: 'unpredicted',
    },
    { name: 'the first is empty', first: undefined, second: 2, want: 'unpredicted' },
    { name: 'the second is empty', first: 2, second: undefined, want: 'unpredicted' },
    { name: 'the second failed', first: 3, second: new Error('down'), want: 'unpredicted' },
    { name: 'different values: the smaller', first: 3, second: 5, want: 3 },
    { name: 'different values, the other way', first: 4, second: 1, want: 1 },
  ])('merges two predictors as Clusternet: $name', async ({ first, second, want }) => {
    const estimator = new PredictCapacityEstimator(
      points({ predict: [fixed('P1', { a: first }), fixed('P2', { a: second })] }),
    );
    const answer = await estimator.maxAvailableReplicas(dynamic, [clusters[0] as Cluster]);
    expect(answer.get('a') ?? 'unpredicted').toBe(want);
  });

  it('takes the smallest answer per cluster and leaves out clusters any plugin could not predict', async () => {
    const seen: string[] = [];
    const estimator = new PredictCapacityEstimator(
      points({
        predict: [
          fixed('P1', { a: 5, b: 3, c: new Error('down') }),
          fixed('P2', { a: 2, b: undefined }),
        ],
      }),
      (plugin, cluster, outcome) => seen.push(`${plugin}/${cluster}:${outcome}`),
    );
    const answer = await estimator.maxAvailableReplicas(dynamic, clusters);
    // b: P2 skipped it, so P1's 3 does not count (Clusternet's "partial nil values" case).
    expect([...answer]).toEqual([['a', 2]]);
    expect(seen.sort()).toEqual([
      'P1/a:success',
      'P1/b:success',
      'P1/c:error',
      'P2/a:success',
      'P2/b:skip',
      'P2/c:skip',
    ]);
  });

  it("runs in the scheduling cycle's state when given one", async () => {
    const seen = stateKey<string>('seen');
    const pre: PrePredictPlugin = {
      name: 'Pre',
      prePredict: (state) => (state.write(seen, 'pre-predicted'), Status.success),
    };
    const reader: PredictPlugin = {
      name: 'Reader',
      predict: async (state) => ({
        status: Status.success,
        maxAvailableReplicas: state.read(seen) === 'pre-predicted' ? 1 : 0,
      }),
    };
    const cycle = new CycleState();
    const answer = await new PredictCapacityEstimator(
      points({ prePredict: [pre], predict: [reader] }),
    ).maxAvailableReplicas(dynamic, clusters, cycle);
    expect([...answer.values()]).toEqual([1, 1, 1]);
    expect(cycle.read(seen)).toBe('pre-predicted');
  });

  it('does not predict other strategies', async () => {
    const estimator = new PredictCapacityEstimator(points({ predict: [fixed('P', { a: 1 })] }));
    expect((await estimator.maxAvailableReplicas(makeBinding('r'), clusters)).size).toBe(0);
  });

  it('skips the predict plugins whose pre-predict skipped, and stops at a failing pre-predict', async () => {
    const skipP: PrePredictPlugin = { name: 'P', prePredict: () => Status.skip };
    const failing: PrePredictPlugin = {
      name: 'Other',
      prePredict: () => Status.unschedulable('no'),
    };
    expect(
      (
        await new PredictCapacityEstimator(
          points({ prePredict: [skipP], predict: [fixed('P', { a: 1 })] }),
        ).maxAvailableReplicas(dynamic, clusters)
      ).size,
    ).toBe(0);
    expect(
      (
        await new PredictCapacityEstimator(
          points({ prePredict: [failing], predict: [fixed('Q', { a: 1 })] }),
        ).maxAvailableReplicas(dynamic, clusters)
      ).size,
    ).toBe(0);
    expect([
      ...(await new PredictCapacityEstimator(
        points({ prePredict: [skipP], predict: [fixed('Q', { a: 1 })] }),
      ).maxAvailableReplicas(dynamic, clusters)),
    ]).toEqual([['a', 1]]);
  });
});

describe('PredictCapacityEstimator equivalence', () => {
  const withRequest = (cpu: string) =>
    makeBinding('e', { request: { cpu }, placement: dynamic.spec.placement });
  const transport = { predict: async () => 1 };

  it('shares predictions among bindings with the same request when every predictor has a key', () => {
    const estimator = new PredictCapacityEstimator(points({ predict: [new Predictor(transport)] }));
    expect(estimator.equivalenceKey(withRequest('500m'))).toBe(
      estimator.equivalenceKey(withRequest('500m')),
    );
    expect(estimator.equivalenceKey(withRequest('500m'))).not.toBe(
      estimator.equivalenceKey(withRequest('2')),
    );
  });

  it('shares nothing when a predict or prePredict plugin names no key', () => {
    const keyless = fixed('Keyless', { a: 1 });
    const prePredict: PrePredictPlugin = { name: 'Pre', prePredict: () => Status.success };
    expect(
      new PredictCapacityEstimator(points({ predict: [keyless] })).equivalenceKey(dynamic),
    ).toBeUndefined();
    expect(
      new PredictCapacityEstimator(
        points({ prePredict: [prePredict], predict: [new Predictor(transport)] }),
      ).equivalenceKey(dynamic),
    ).toBeUndefined();
  });

  it('gives every binding it does not predict the same key', () => {
    const estimator = new PredictCapacityEstimator(points({ predict: [fixed('Keyless', {})] }));
    const duplicated = makeBinding('r', {
      placement: { replicaScheduling: { type: 'Duplicated' } },
    });
    expect(estimator.equivalenceKey(duplicated)).toBe('unpredicted');
  });
});

describe('Predictor', () => {
  it("asks with the binding's per-replica request", async () => {
    const asked: unknown[] = [];
    const plugin = new Predictor({
      predict: async (_c, requirements) => (asked.push(requirements), 7),
    });
    const result = await plugin.predict(undefined as never, dynamic, clusters[0] as Cluster);
    expect(result).toEqual({ status: Status.success, maxAvailableReplicas: 7 });
    expect(asked).toEqual([{ resources: { requests: { cpu: '500m' } } }]);
  });

  it('turns a failing predictor into an Error status', async () => {
    const result = await new Predictor({
      predict: async () => Promise.reject(new Error('refused')),
    }).predict(undefined as never, dynamic, clusters[0] as Cluster);
    expect(result.status.code).toBe('Error');
    expect(result.status.message()).toBe('refused');
  });
});
