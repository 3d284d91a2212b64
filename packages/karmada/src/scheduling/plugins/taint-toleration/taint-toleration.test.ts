import {
  CycleState,
  SchedulerFramework,
  Status,
  ValidationError,
  type Binding,
  type Taint,
  type Toleration,
} from '@lifeboat/core';
import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { KARMADA_PLUGIN_REGISTRATIONS, KARMADA_SCHEDULER_PROFILE } from '../karmada-plugins';
import { KARMADA_PLUGIN_NAMES } from '../names';
import { type TaintToleration, taintTolerationRegistration } from './taint-toleration';

const handle = { now: () => 0 };
const plugin = taintTolerationRegistration.factory(undefined, handle) as TaintToleration;

function foo(tolerations: Toleration[], targets: string[] = []): Binding {
  const b = makeBinding('foo', { clusters: targets.map((name) => ({ name, replicas: 1 })) });
  return {
    ...b,
    spec: { ...b.spec, placement: { ...b.spec.placement, clusterTolerations: tolerations } },
  };
}

describe('TaintToleration', () => {
  it.each<{
    name: string;
    taints: Taint[];
    tolerations?: Toleration[];
    targets?: string[];
    want: Status;
  }>([
    { name: 'a cluster without taints passes', taints: [], want: Status.success },
    {
      name: 'an untolerated NoSchedule taint rejects a new cluster',
      taints: [{ key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule' }],
      want: Status.unschedulable('had untolerated taint {cluster.karmada.io/not-ready: }'),
    },
    {
      name: 'an untolerated NoExecute taint rejects a new cluster',
      taints: [{ key: 'cluster.karmada.io/unschedulable', value: 'upgrade', effect: 'NoExecute' }],
      want: Status.unschedulable(
        'had untolerated taint {cluster.karmada.io/unschedulable: upgrade}',
      ),
    },
    {
      name: 'a PreferNoSchedule taint never rejects',
      taints: [{ key: 'k', effect: 'PreferNoSchedule' }],
      want: Status.success,
    },
    {
      name: 'a tolerated taint passes',
      taints: [{ key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule' }],
      tolerations: [{ key: 'cluster.karmada.io/not-ready', operator: 'Exists' }],
      want: Status.success,
    },
    {
      name: 'a cluster the binding already uses passes whatever its taints',
      taints: [
        { key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule' },
        { key: 'cluster.karmada.io/not-ready', effect: 'NoExecute' },
      ],
      targets: ['member1'],
      want: Status.success,
    },
  ])('$name', ({ taints, tolerations, targets, want }) => {
    let builder = makeCluster('member1');
    for (const t of taints) builder = builder.taint(t);
    expect(
      plugin.filter(new CycleState(), foo(tolerations ?? [], targets), builder.build()),
    ).toEqual(want);
  });

  it('refuses args, which the framework reports at their pluginConfig entry', () => {
    expect(() => taintTolerationRegistration.factory({ x: 1 }, handle)).toThrow(ValidationError);
    const profile = {
      ...KARMADA_SCHEDULER_PROFILE,
      pluginConfig: [{ name: KARMADA_PLUGIN_NAMES.TaintToleration, args: { x: 1 } }],
    };
    expect(() => new SchedulerFramework(KARMADA_PLUGIN_REGISTRATIONS, profile, handle)).toThrow(
      'pluginConfig[0].args.x: unknown field "x"',
    );
  });
});
