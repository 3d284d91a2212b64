import { token } from '@lifeboat/core';
import type { ClusterProber } from './health/cluster-prober';
import type { KarmadaMetrics } from './metrics';
import type { KarmadaOptions } from './options';

/**
 * The validated settings every Karmada part reads when it is built; `registerKarmada` provides
 * them. Register other options again afterwards and the parts built later use those. @public
 */
export const KARMADA_OPTIONS = token<KarmadaOptions>('@lifeboat/karmada:KarmadaOptions');

/** How the health detector probes Push clusters; replace it to probe another way. @public */
export const CLUSTER_PROBER = token<ClusterProber>('@lifeboat/karmada:ClusterProber');

/** This flavour's metrics, built once per container on core's `METRICS_REGISTRY`. @public */
export const KARMADA_METRICS = token<KarmadaMetrics>('@lifeboat/karmada:KarmadaMetrics');
