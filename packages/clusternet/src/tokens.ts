import { token } from '@lifeboat/core';
import type { AgentFactory } from './health/clusternet-agent';
import type { ClusternetMetrics } from './metrics';
import type { ClusternetOptions } from './options';
import type { PredictorTransport } from './scheduling/plugins/predictor/predictor-transport';

/** The validated options `registerClusternet` was given. @public */
export const CLUSTERNET_OPTIONS = token<ClusternetOptions>('@lifeboat/clusternet:Options');

/** How the Predictor plugin reaches predictors (default: direct HTTP). Register again to replace. @public */
export const PREDICTOR_TRANSPORT = token<PredictorTransport>(
  '@lifeboat/clusternet:PredictorTransport',
);

/** Clusternet's metrics on the container's registry. @public */
export const CLUSTERNET_METRICS = token<ClusternetMetrics>('@lifeboat/clusternet:Metrics');

/** Makes clusternet-agents with the registered settings (for simulations and embedded fleets). @public */
export const AGENT_FACTORY = token<AgentFactory>('@lifeboat/clusternet:AgentFactory');
