import {
  ValidationError,
  clusterReadyStatus,
  type Binding,
  type Cluster,
  type ResourceList,
} from '@lifeboat/core';
import type { FlavorInput, SimulationFlavor } from '../flavor/simulation-flavor';
import type { LoadedScenario } from '../scenario/load-scenario';
import { scenarioIssues } from '../scenario/parse-scenario';
import { SCENARIO_API_VERSION } from '../scenario/scenario-schema';

/** Options of {@link fleetFromState}. @public */
export interface StateFleetOptions {
  /** The flavour the live controllers run, and its settings and feature gates as they run it. */
  readonly flavor: SimulationFlavor;
  readonly input: FlavorInput;
  /**
   * Seconds from placement to ready of a binding's replicas, where the state says (core's model
   * has no field for it); default the scenario default, 10 s.
   */
  readonly startupSeconds?: (binding: Binding) => number | undefined;
  /** Names the state in the answer (default `live state`). */
  readonly name?: string;
}

const quantities = (list: ResourceList | undefined) =>
  list && Object.keys(list).length > 0
    ? Object.fromEntries(Object.entries(list).map(([name, q]) => [name, q.toString()]))
    : undefined;

/**
 * A live fleet as a what-if scenario: every stored cluster (region, zones, provider, labels, the
 * operator's taints, its allocatable resources as capacity) and every binding as a workload with
 * its replicas, per-replica request and the placement and failover the flavour parsed for it.
 * Clusters whose Ready condition is not `True` now are returned in `notReady`: a what-if should
 * fail them too, as they are down already. Bindings are scheduled afresh onto the healthy fleet,
 * so a placement that depended on history (dynamic division) may start out different from the
 * live one. Throws core's `ValidationError` when the state cannot be a scenario (a name that is
 * not a DNS label, no clusters or no bindings), naming the object.
 * @public
 */
export function fleetFromState(
  clusters: readonly Cluster[],
  bindings: readonly Binding[],
  options: StateFleetOptions,
): { loaded: LoadedScenario; notReady: string[] } {
  const sorted = [...bindings].sort((a, b) =>
    `${a.metadata.namespace}/${a.metadata.name}` < `${b.metadata.namespace}/${b.metadata.name}`
      ? -1
      : 1,
  );
  const document = {
    apiVersion: SCENARIO_API_VERSION,
    kind: 'Scenario',
    metadata: { name: options.name ?? 'live state' },
    spec: {
      flavor: options.flavor.name,
      duration: '1h',
      settings: options.input.settings,
      featureGates: options.input.featureGates,
      clusters: clusters.map((c) => {
        const capacity = quantities(c.status?.allocatable ?? c.status?.capacity);
        return {
          name: c.metadata.name,
          ...(c.spec.region ? { region: c.spec.region } : {}),
          ...(c.spec.zones?.length ? { zones: [...c.spec.zones] } : {}),
          ...(c.spec.provider ? { provider: c.spec.provider } : {}),
          ...(c.metadata.labels ? { labels: { ...c.metadata.labels } } : {}),
          ...(capacity ? { capacity } : {}),
          ...(c.spec.taints?.length
            ? {
                taints: c.spec.taints.map((t) => ({
                  key: t.key,
                  ...(t.value === undefined ? {} : { value: t.value }),
                  effect: t.effect,
                })),
              }
            : {}),
          ...(c.spec.syncMode ? { syncMode: c.spec.syncMode } : {}),
        };
      }),
      workloads: sorted.map((b) => {
        const resources = quantities(b.spec.replicaRequirements?.resourceRequest);
        const startupSeconds = options.startupSeconds?.(b);
        return {
          name: b.metadata.name,
          namespace: b.metadata.namespace ?? 'default',
          kind: b.spec.resource.kind,
          replicas: b.spec.replicas,
          ...(resources ? { resources } : {}),
          ...(startupSeconds === undefined ? {} : { startupSeconds }),
        };
      }),
    },
  };
  const { scenario, issues } = scenarioIssues(document);
  if (!scenario)
    throw new ValidationError(
      issues.map((issue) => ({ ...issue, message: `${issue.message} (in the stored state)` })),
    );
  const configured = options.flavor.configure(options.input);
  const loaded: LoadedScenario = {
    scenario,
    flavor: options.flavor,
    configured,
    workloads: sorted.map((b) => ({
      placement: b.spec.placement,
      ...(b.spec.failover ? { failover: b.spec.failover } : {}),
      ...(b.metadata.annotations ? { annotations: b.metadata.annotations } : {}),
    })),
    extensions: { plugins: [] },
  };
  const notReady = clusters
    .filter((c) => clusterReadyStatus(c) !== 'True')
    .map((c) => c.metadata.name)
    .sort();
  return { loaded, notReady };
}
