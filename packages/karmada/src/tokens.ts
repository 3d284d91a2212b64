import { token } from '@lifeboat/core';
import type { ClusterProber } from './health/cluster-prober';
import type { KarmadaOptions } from './options';

/** The validated Karmada settings, provided by `registerKarmada`. @public */
export const KARMADA_OPTIONS = token<KarmadaOptions>('@lifeboat/karmada:KarmadaOptions');

/** How the health detector probes Push clusters; replace it to probe another way. @public */
export const CLUSTER_PROBER = token<ClusterProber>('@lifeboat/karmada:ClusterProber');
