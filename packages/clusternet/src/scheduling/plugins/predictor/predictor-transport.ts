import type { Cluster } from '@lifeboat/core';
import type { ReplicaRequirements } from '../../../predictor/protocol';

/**
 * How the Predictor plugin reaches a cluster's predictor. `undefined` means the cluster offers
 * none (Clusternet: `predictorEnabled` false). Rejects when the predictor fails.
 * @public
 */
export interface PredictorTransport {
  predict(cluster: Cluster, requirements: ReplicaRequirements): Promise<number | undefined>;
}
