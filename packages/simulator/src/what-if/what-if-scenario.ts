import type { LoadedScenario } from '../scenario/load-scenario';

/**
 * The scenario a what-if runs: the fleet and workloads of `loaded`, its own events dropped, and
 * one `fail` event per failed cluster at `failAtMs`; it runs until `untilMs`. The flavour, its
 * settings and scheduler extensions are those of `loaded`, so the controllers are the same.
 * @public
 */
export function whatIfScenario(
  loaded: LoadedScenario,
  failed: readonly string[],
  failAtMs: number,
  untilMs: number,
): LoadedScenario {
  const { scenario } = loaded;
  return {
    ...loaded,
    scenario: {
      ...scenario,
      spec: {
        ...scenario.spec,
        duration: untilMs,
        events: failed.map((cluster) => ({ at: failAtMs, action: 'fail' as const, cluster })),
      },
    },
  };
}
