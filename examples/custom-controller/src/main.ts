import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { loadScenario, runScenario } from '@lifeboat/simulator';
import { plugins } from 'lifeboat-plugin-cost-aware';
import { heartbeatGraceful } from './heartbeat-graceful-flavor';

/**
 * Runs the scenario file given on the command line with the composed controller and the
 * plugin package's CostAware score and Frozen filter, and prints what happened to each
 * workload as one JSON line.
 */
async function main(file: string): Promise<void> {
  const loaded = loadScenario(readFileSync(file, 'utf8'), [heartbeatGraceful]);
  const report = await runScenario(loaded, {
    plugins,
    schedulerProfile: {
      plugins: {
        filter: { enabled: [{ name: 'Frozen' }] },
        score: { enabled: [{ name: 'CostAware', weight: 2 }] },
      },
    },
  });
  const summary = Object.entries(report.workloads).map(([key, workload]) => ({
    workload: key,
    scheduled: report.timeline
      .filter((e) => e.type === 'Scheduled' && e.workload === key)
      .map((e) => (e.type === 'Scheduled' ? e.placement : {})),
    evictions: report.timeline
      .filter(
        (e) =>
          (e.type === 'EvictionStarted' || e.type === 'EvictionCompleted') && e.workload === key,
      )
      .map(
        (e) =>
          `${e.type} ${e.type === 'EvictionStarted' ? `${e.cluster} ${e.purgeMode}` : e.type === 'EvictionCompleted' ? e.cluster : ''}`,
      ),
    final: workload.placement,
    readyReplicas: workload.readyReplicas,
  }));
  const detected = report.timeline
    .filter((e) => e.type === 'ClusterReadyChanged')
    .map((e) => (e.type === 'ClusterReadyChanged' ? `${e.cluster} ${e.status} ${e.reason}` : ''));
  const taints = report.timeline
    .filter((e) => e.type === 'TaintAdded')
    .map((e) => (e.type === 'TaintAdded' ? `${e.cluster} ${e.taint}` : ''));
  console.log(JSON.stringify({ detected, taints, workloads: summary }));
}

main(process.argv[2] ?? 'scenario.yaml').catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
