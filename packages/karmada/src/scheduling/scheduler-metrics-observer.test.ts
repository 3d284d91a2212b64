import { Registry } from 'prom-client';
import type { ScheduleAttempt } from '@lifeboat/core';
import { KarmadaMetrics } from '../metrics';
import { SchedulerMetricsObserver } from './scheduler-metrics-observer';

describe('SchedulerMetricsObserver', () => {
  it.each<{
    name: string;
    attempt: Pick<ScheduleAttempt, 'result' | 'scheduleType'>;
    line: string;
  }>([
    {
      name: 'a first placement counts as a ReconcileSchedule',
      attempt: { result: 'Scheduled', scheduleType: 'Initial' },
      line: 'karmada_scheduler_schedule_attempts_total{result="scheduled",schedule_type="ReconcileSchedule"} 1',
    },
    {
      name: 'a replica change counts as a ScaleSchedule',
      attempt: { result: 'Unschedulable', scheduleType: 'Scale' },
      line: 'karmada_scheduler_schedule_attempts_total{result="unschedulable",schedule_type="ScaleSchedule"} 1',
    },
    {
      name: 'a failed attempt counts as an error',
      attempt: { result: 'Error', scheduleType: 'Reconcile' },
      line: 'karmada_scheduler_schedule_attempts_total{result="error",schedule_type="ReconcileSchedule"} 1',
    },
  ])('$name', async ({ attempt, line }) => {
    const registry = new Registry();
    new SchedulerMetricsObserver(new KarmadaMetrics(registry)).scheduleAttempt({
      ...attempt,
      binding: 'default/foo',
      startedAt: 1000,
      finishedAt: 1250,
    });
    const text = await registry.metrics();
    expect(text).toContain(line);
    expect(text).toMatch(
      /karmada_scheduler_e2e_scheduling_duration_seconds_bucket\{le="0\.256",result="[a-z]+",schedule_type="[A-Za-z]+"\} 1/,
    );
    expect(text).toMatch(
      /karmada_scheduler_e2e_scheduling_duration_seconds_bucket\{le="0\.128",result="[a-z]+",schedule_type="[A-Za-z]+"\} 0/,
    );
  });
});
