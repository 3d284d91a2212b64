import { token } from '@lifeboat/core';
import type { ClusternetMetrics } from './metrics';
import type { ClusternetOptions } from './options';
import type { PredictorTransport } from './scheduling/plugins/predictor/predictor-transport';

/**
 * The validated options every Clusternet part reads when it is built; `registerClusternet`
 * provides them. Register other options again afterwards and the parts built later use those.
 * @public
 */
export const CLUSTERNET_OPTIONS = token<ClusternetOptions>('@lifeboat/clusternet:Options');

/** How the Predictor plugin reaches predictors (default: direct HTTP). Register again to replace. @public */
export const PREDICTOR_TRANSPORT = token<PredictorTransport>(
  '@lifeboat/clusternet:PredictorTransport',
);

/** This flavour's metrics, built once per container on core's `METRICS_REGISTRY`. @public */
export const CLUSTERNET_METRICS = token<ClusternetMetrics>('@lifeboat/clusternet:Metrics');
