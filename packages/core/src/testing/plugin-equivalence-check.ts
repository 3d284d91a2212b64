import type { PluginRegistration } from '../contracts/scheduler-plugins';
import type { Cluster } from '../model/cluster';
import { SchedulerFramework } from '../scheduler/framework';
import { Scheduler, type ScheduleResult } from '../scheduler/scheduler';
import type { PluginConformanceOptions } from './plugin-conformance-options';
import { capped, generatedCases, handleOf, pointsOf, soloProfile } from './plugin-under-test';
import { TopRankedStrategy } from './schedule-once';

/** A result in a comparable shape: where, in which order with which scores, or why not. */
function summary(result: ScheduleResult): string {
  if (!result.ok) {
    const why = result.fitError?.message() ?? result.status.message();
    return `unschedulable (${result.status.code}): ${why}`;
  }
  const placed = result.clusters.map((t) => `${t.name}=${t.replicas}`).join(',');
  const ranked = result.scored.map((s) => `${s.cluster.metadata.name}:${s.score}`).join(',');
  return `${placed} ranked ${ranked}${result.placementGroup ? ` group ${result.placementGroup}` : ''}`;
}

/**
 * The fleet as the next round sees it: round 1 changes a few clusters (new objects, as a store
 * writes them), round 2 drops one, so the scheduler's cached state is updated and rebuilt.
 */
function roundOf(clusters: readonly Cluster[], round: number): Cluster[] {
  if (round === 0) return [...clusters];
  if (round === 2) return clusters.slice(1);
  return clusters.map((c, i) =>
    i % 3 !== 0
      ? c
      : {
          ...c,
          metadata: {
            ...c.metadata,
            labels: {
              ...c.metadata.labels,
              tier: c.metadata.labels?.tier === 'gold' ? 'silver' : 'gold',
            },
          },
          spec: {
            ...c.spec,
            taints:
              (c.spec.taints ?? []).length > 0
                ? []
                : [{ key: 'example.com/maintenance', effect: 'NoSchedule' as const }],
          },
        },
  );
}

/**
 * The equivalence promise (see core's `EquivalenceHints`), checked by its consequence: the
 * plugin in a profile (`options.profile`, or alone at its points) schedules every generated
 * binding over every generated fleet, in three rounds of cluster changes, once with the
 * scheduler sharing results between bindings and once without, and the results (placement,
 * ranking with scores, explanation) must be the same. A plugin whose `equivalenceKey` leaves
 * out something its verdict or score depends on fails here. Returns the differences found.
 * @public
 */
export async function checkPluginEquivalence(
  registration: PluginRegistration,
  options: PluginConformanceOptions = {},
): Promise<string[]> {
  const handle = handleOf(options);
  const now = options.now ?? 0;
  const registrations = [registration, ...(options.registrations ?? [])];
  const problems: string[] = [];
  for (const args of options.validArgs ?? [undefined]) {
    const profile =
      options.profile ??
      soloProfile(
        registration.name,
        pointsOf(registration, registration.factory(args, handle)),
        args,
      );
    const scheduler = (equivalenceCache: boolean) =>
      new Scheduler(
        new SchedulerFramework(registrations, profile, handle),
        options.strategies ?? [new TopRankedStrategy()],
        [],
        { equivalenceCache },
      );
    for (const { label, clusters, bindings } of generatedCases(options)) {
      // One pair of schedulers per fleet, kept over the rounds: sharing builds up across bindings.
      const shared = scheduler(true);
      const alone = scheduler(false);
      for (let round = 0; round < 3; round++) {
        const fleet = roundOf(clusters, round);
        for (const binding of bindings) {
          const withSharing = summary(await shared.schedule(binding, fleet, now));
          const without = summary(await alone.schedule(binding, fleet, now));
          if (withSharing !== without)
            problems.push(
              `${label}, round ${round}, binding ${binding.metadata.name}: with sharing ${withSharing}; without ${without}`,
            );
        }
      }
    }
  }
  return capped(problems);
}
