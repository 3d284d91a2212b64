/**
 * TEST HARNESS (not shipped): the 2,000-workload fleet of the fault suite: four members with
 * room for every replica, and one generated workloads file of `count` workloads of two replicas
 * each, divided over the members by what each can still take (Karmada: dynamic weight by
 * available replicas; Clusternet: dynamic dividing, spread by the members' predictors).
 */

import { TEST_CLUSTERNET_CONFIG, TEST_CONTROLLER_CONFIG } from './process-fleet';

export const FLEET_CLUSTERS = ['member1', 'member2', 'member3', 'member4'];
export const FLEET_SIZE = 2_000;
export const FLEET_REPLICAS = 2;
/** Room for the whole fleet on every member, so losing one leaves enough. */
export const FLEET_AGENT_FLAGS = ['--capacity', 'cpu=1000,memory=4000Gi,pods=10000'];

/**
 * The controllers' test timings, with Karmada's eviction rate raised from 50/s to 5,000/s: the
 * case times the re-placement, not the pacing that rate imposes by design (1,000 evictions at
 * 50/s take 20 s).
 */
export function fleetControllerConfig(flavor: 'karmada' | 'clusternet'): string {
  if (flavor === 'clusternet') return TEST_CLUSTERNET_CONFIG;
  const config = TEST_CONTROLLER_CONFIG.replace(
    'resourceEvictionRate: 50\n',
    'resourceEvictionRate: 5000\n',
  );
  if (config === TEST_CONTROLLER_CONFIG) throw new Error('the test config sets no eviction rate');
  return config;
}

/** `count` workloads `w-0000`, `w-0001`, ... in `flavor`'s shape. */
export function fleetWorkloads(flavor: 'karmada' | 'clusternet', count: number): string {
  const placement =
    flavor === 'karmada'
      ? `
      placement:
        clusterAffinity: {clusterNames: [${FLEET_CLUSTERS.join(', ')}]}
        replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Weighted, weightPreference: {dynamicWeight: AvailableReplicas}}
      failover: {cluster: {purgeMode: Directly}}`
      : `
      subscription:
        schedulingStrategy: Dividing
        dividingScheduling: {type: Dynamic, dynamicDividing: {strategy: Spread}}
        subscribers: [{clusterAffinity: {matchLabels: {env: test}}}]`;
  const workloads = Array.from(
    { length: count },
    (_, i) => `
    - name: w-${String(i).padStart(4, '0')}
      replicas: ${FLEET_REPLICAS}
      resources: {cpu: 10m, memory: 16Mi}
      startupSeconds: 1${placement}`,
  );
  return `apiVersion: lifeboat.dev/v1alpha1
kind: Workloads
spec:
  flavor: ${flavor}
  workloads:${workloads.join('')}
`;
}

/** Binding key -> desired replicas of {@link fleetWorkloads}. */
export function fleetExpected(count: number): ReadonlyMap<string, number> {
  return new Map(
    Array.from(
      { length: count },
      (_, i) => [`default/w-${String(i).padStart(4, '0')}`, FLEET_REPLICAS] as const,
    ),
  );
}
