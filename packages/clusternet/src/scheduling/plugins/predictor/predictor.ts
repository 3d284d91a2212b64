import {
  Status,
  expectNoArgs,
  structuralKey,
  type Binding,
  type Cluster,
  type CycleState,
  type PluginRegistration,
} from '@lifeboat/core';
import type { ReplicaRequirements } from '../../../predictor/protocol';
import type { PredictPlugin, PredictResult } from '../../extension-points';
import { CLUSTERNET_PLUGIN_NAMES } from '../names';
import type { PredictorTransport } from './predictor-transport';

/** The binding's per-replica request in the predictor protocol's shape. @public */
export function replicaRequirementsOf(binding: Binding): ReplicaRequirements {
  const requests: Record<string, string> = {};
  for (const [name, quantity] of Object.entries(
    binding.spec.replicaRequirements?.resourceRequest ?? {},
  ))
    requests[name] = quantity.toString();
  return { resources: { requests } };
}

/**
 * Clusternet's Predictor plugin: asks the cluster's predictor how many replicas of the binding
 * it can still accept. A cluster without a predictor answers `Skip`; a failing predictor an
 * `Error` status carrying the cause.
 * @public
 */
export class Predictor implements PredictPlugin {
  readonly name = CLUSTERNET_PLUGIN_NAMES.Predictor;

  constructor(private readonly transport: PredictorTransport) {}

  async predict(_state: CycleState, binding: Binding, cluster: Cluster): Promise<PredictResult> {
    try {
      const replicas = await this.transport.predict(cluster, replicaRequirementsOf(binding));
      if (replicas === undefined) return { status: Status.skip };
      return { status: Status.success, maxAvailableReplicas: replicas };
    } catch (error) {
      return { status: Status.error(error) };
    }
  }

  /** The predictor is asked about the per-replica request alone. */
  equivalenceKey(binding: Binding): string {
    return structuralKey(binding.spec.replicaRequirements?.resourceRequest);
  }
}

/** The registration, over the given transport (takes no args and refuses any given). @public */
export function predictorRegistration(transport: PredictorTransport): PluginRegistration {
  return {
    name: CLUSTERNET_PLUGIN_NAMES.Predictor,
    factory: (args) => {
      expectNoArgs(args);
      return new Predictor(transport);
    },
    extensionPoints: ['predict'],
  };
}
