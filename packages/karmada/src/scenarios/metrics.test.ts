import { makeBinding, makeCluster } from '@lifeboat/core/testing';
import { parsePlacement } from '../api/parse-policy';
import { composeKarmada } from './compose-karmada';

describe('Karmada metrics on the injected registry', () => {
  it('reports cluster readiness, evictions and schedule attempts during a failover', async () => {
    const placement = parsePlacement({ replicaScheduling: { replicaSchedulingType: 'Divided' } });
    const clusters = ['member1', 'member2'].map((n) => makeCluster(n).ready().build());
    const env = await composeKarmada(clusters, [makeBinding('foo', { replicas: 2, placement })]);
    await env.clock.advance(60_000);
    env.prober.fail('member1');
    await env.actuator.failCluster('member1');
    await env.clock.advance(5 * 60_000);
    const text = await env.metrics.metrics();
    expect(text).toContain('cluster_ready_state{member_cluster="member1"} 0');
    expect(text).toContain('cluster_ready_state{member_cluster="member2"} 1');
    expect(text).toContain(
      'eviction_kind_total{member_cluster="member1",resource_kind="Deployment"} 1',
    );
    expect(text).toContain('eviction_queue_depth{name="binding-eviction"} 0');
    // The first schedule (and re-runs while clusters settle) are reconciles; the failover is a scale.
    expect(
      Number(
        /schedule_attempts_total\{result="scheduled",schedule_type="ReconcileSchedule"\} (\d+)/.exec(
          text,
        )?.[1],
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(text).toContain(
      'karmada_scheduler_schedule_attempts_total{result="scheduled",schedule_type="ScaleSchedule"} 1',
    );
    expect(text).toContain(
      'karmada_scheduler_e2e_scheduling_duration_seconds_count{result="scheduled",schedule_type="ScaleSchedule"} 1',
    );
    expect(text).not.toContain('result="unschedulable"');
    await env.manager.stop();
  });

  it('shows evictions held back by resourceEvictionRate as eviction_queue_depth', async () => {
    const placement = parsePlacement({ replicaScheduling: { replicaSchedulingType: 'Divided' } });
    const bindings = ['a', 'b', 'c', 'd'].map((name) =>
      makeBinding(name, { replicas: 2, placement }),
    );
    const env = await composeKarmada(
      ['member1', 'member2'].map((n) => makeCluster(n).ready().build()),
      bindings,
    );
    await env.clock.advance(60_000);
    env.prober.fail('member1');
    await env.actuator.failCluster('member1');
    while (env.recorder.withReason('EvictionStarted').length === 0) await env.clock.advance(100);
    const depth = async (): Promise<string | undefined> =>
      /eviction_queue_depth\{name="binding-eviction"\} (\d+)/.exec(
        await env.metrics.metrics(),
      )?.[1];
    expect(await depth()).toBe('3');
    await env.clock.advance(2000);
    expect(await depth()).toBe('2');
    await env.clock.advance(60_000);
    expect(await depth()).toBe('0');
    expect(await env.metrics.metrics()).toContain(
      'eviction_kind_total{member_cluster="member1",resource_kind="Deployment"} 4',
    );
    await env.manager.stop();
  });
});
