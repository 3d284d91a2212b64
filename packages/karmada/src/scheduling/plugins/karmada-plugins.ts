import {
  clusterEvictionRegistration,
  type PluginRegistration,
  type SchedulerProfile,
} from '@lifeboat/core';
import { clusterAffinityRegistration } from './cluster-affinity/cluster-affinity';
import { clusterLocalityRegistration } from './cluster-locality/cluster-locality';
import { KARMADA_PLUGIN_NAMES } from './names';
import { spreadConstraintRegistration } from './spread-constraint/spread-constraint';
import { taintTolerationRegistration } from './taint-toleration/taint-toleration';
import { workloadAffinityRegistration } from './workload-affinity/workload-affinity';
import { workloadAntiAffinityRegistration } from './workload-anti-affinity/workload-anti-affinity';

/** Every plugin this flavour's profile runs (`ClusterEviction` is core's). @public */
export const KARMADA_PLUGIN_REGISTRATIONS: readonly PluginRegistration[] = [
  taintTolerationRegistration,
  clusterAffinityRegistration,
  spreadConstraintRegistration,
  clusterEvictionRegistration,
  clusterLocalityRegistration,
  workloadAffinityRegistration,
  workloadAntiAffinityRegistration,
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
    preFilter: { enabled: [{ name: KARMADA_PLUGIN_NAMES.ClusterAffinity }] },
    filter: {
      enabled: [
        { name: KARMADA_PLUGIN_NAMES.ClusterEviction },
        { name: KARMADA_PLUGIN_NAMES.TaintToleration },
        { name: KARMADA_PLUGIN_NAMES.SpreadConstraint },
        { name: KARMADA_PLUGIN_NAMES.WorkloadAffinity },
        { name: KARMADA_PLUGIN_NAMES.WorkloadAntiAffinity },
        { name: KARMADA_PLUGIN_NAMES.ClusterAffinity },
      ],
    },
    postFilter: { enabled: [{ name: KARMADA_PLUGIN_NAMES.ClusterAffinity }] },
    score: { enabled: [{ name: KARMADA_PLUGIN_NAMES.ClusterLocality }] },
  },
};
