import type { Cluster } from '@lifeboat/core';
import type { PredictorClient } from '../../../predictor/predictor-client';
import type { ReplicaRequirements } from '../../../predictor/protocol';
import type { PredictorTransport } from './predictor-transport';

/**
 * The annotation carrying a cluster's predictor address (Clusternet keeps it in
 * `status.predictorAddress`, which core's cluster status has no field for).
 * @public
 */
export const PREDICTOR_ADDRESS_ANNOTATION = 'clusters.clusternet.io/predictor-address';

/**
 * Asks each cluster's predictor directly over HTTP (Clusternet's `predictorDirectAccess`; the
 * hub socket proxy is not reimplemented). The `Cluster-ID` header carries the cluster's uid,
 * else its name.
 * @public
 */
export class HttpPredictorTransport implements PredictorTransport {
  constructor(private readonly client: PredictorClient) {}

  async predict(cluster: Cluster, requirements: ReplicaRequirements): Promise<number | undefined> {
    const address = cluster.metadata.annotations?.[PREDICTOR_ADDRESS_ANNOTATION];
    if (!address) return undefined;
    return this.client.predict(
      address,
      requirements,
      cluster.metadata.uid ?? cluster.metadata.name,
    );
  }
}
