import {
  clusterEvictionRegistration,
  type PluginRegistration,
  type SchedulerProfile,
} from '@lifeboat/core';
import { clusterAffinityRegistration } from './cluster-affinity/cluster-affinity';
import { clusterLocalityRegistration } from './cluster-locality/cluster-locality';
import {
  CLUSTER_AFFINITY,
  CLUSTER_EVICTION,
  CLUSTER_LOCALITY,
  SPREAD_CONSTRAINT,
  TAINT_TOLERATION,
} from './names';
import { spreadConstraintRegistration } from './spread-constraint/spread-constraint';
import { taintTolerationRegistration } from './taint-toleration/taint-toleration';

/** Every plugin this flavour's profile runs (`ClusterEviction` is core's). @public */
export const KARMADA_PLUGIN_REGISTRATIONS: readonly PluginRegistration[] = [
  taintTolerationRegistration,
  clusterAffinityRegistration,
  spreadConstraintRegistration,
  clusterEvictionRegistration,
  clusterLocalityRegistration,
];

/** The profile name of {@link KARMADA_SCHEDULER_PROFILE} (Karmada's `default-scheduler`). @public */
export const KARMADA_SCHEDULER_NAME = 'default-scheduler';

/**
 * Karmada's default plugin set as a profile. Filters run in a fixed order (Karmada's is
 * undefined); ClusterAffinity runs last wherever a merged profile lists it, as it declares
 * (its affinity-group fallback relies on it).
 * @public
 */
export const KARMADA_SCHEDULER_PROFILE: SchedulerProfile = {
  schedulerName: KARMADA_SCHEDULER_NAME,
  plugins: {
    preFilter: { enabled: [{ name: CLUSTER_AFFINITY }] },
    filter: {
      enabled: [
        { name: CLUSTER_EVICTION },
        { name: TAINT_TOLERATION },
        { name: SPREAD_CONSTRAINT },
        { name: CLUSTER_AFFINITY },
      ],
    },
    postFilter: { enabled: [{ name: CLUSTER_AFFINITY }] },
    score: { enabled: [{ name: CLUSTER_LOCALITY }] },
  },
};
