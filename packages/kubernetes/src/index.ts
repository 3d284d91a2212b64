import 'reflect-metadata';

/**
 * `@lifeboat/kubernetes`: Lifeboat on real Kubernetes. Member clusters from kubeconfigs (probe,
 * capacity, a server-side-apply actuator with status read-back) and the hub cluster's API as
 * the StateStore (custom resources) and leader election (a `coordination.k8s.io/v1` Lease).
 */

/** The hub's custom resources: their API group and version. */
export { LIFEBOAT_API_GROUP, LIFEBOAT_API_VERSION } from './hub/api-group';

/** Member clusters: kubeconfigs, the members file, requests with caps. */
export {
  isMemberName,
  parseMembersFile,
  type MemberEntry,
  type MemberLocation,
} from './members/members-file';
export {
  hubFromKubeconfig,
  memberFromKubeconfig,
  yamlErrorAt,
  type CheckedKubeconfig,
  type MemberCluster,
} from './members/member-kubeconfig';
export { loadMembers } from './members/load-members';
export { REDACTED, Redactor } from './members/redactor';
export {
  MemberApiError,
  MemberClient,
  MemberUnreachableError,
  type MemberClientOptions,
  type MemberRequest,
  type MemberResponse,
} from './members/member-client';
export { listAll } from './members/list-all';
export {
  CLUSTER_WRITE_RETRY,
  registerMembers,
  updateMemberLocation,
} from './members/member-registration';

/** Member health: Karmada's probe and Clusternet's observation over the member's connection. */
export {
  MemberProber,
  type MemberNode,
  type MemberObservation,
  type MemberProbeResult,
  type MemberProberOptions,
} from './health/member-prober';

/** Member capacity: the resource summary, refreshed into each Cluster's status. */
export {
  podRequests,
  quantities,
  type ContainerResources,
  type PodResources,
} from './capacity/pod-requests';
export {
  REGION_LABEL,
  ZONE_LABEL,
  isSchedulableNode,
  locationFromNodes,
  resourceSummary,
  type NodeObject,
  type PodObject,
  type ResourceSummary,
} from './capacity/resource-summary';
export { readMemberCapacity, type MemberCapacity } from './capacity/member-capacity';
export { CapacityRefresher, type CapacityRefresherOptions } from './capacity/capacity-refresher';

/** The actuator: workload templates applied by server-side apply, status read back. */
export {
  DEPENDENCY_KINDS,
  WORKLOAD_KINDS,
  describeManifest,
  resourcePath,
  type DependencyKind,
  type Manifest,
  type ManifestMetadata,
  type WorkloadKind,
} from './actuator/manifest';
export { podReferences, type PodReferences } from './actuator/pod-references';
export {
  TEMPLATE_ANNOTATION,
  encodeTemplate,
  isDependency,
  parseWorkloadTemplate,
  templateOf,
  templateReplicaRequest,
  templateReplicas,
  type WorkloadTemplate,
} from './actuator/workload-template';
export {
  BINDING_ANNOTATION,
  FIELD_MANAGER,
  MANAGED_BY,
  MANAGED_BY_LABEL,
  belongsTo,
  isLifeboats,
  memberManifests,
} from './actuator/member-manifests';
export {
  PROGRESS_DEADLINE_EXCEEDED,
  memberWorkloadOf,
  type WorkloadObjectStatus,
} from './actuator/workload-status';
export { ForeignObjectError, MemberObjects } from './actuator/member-objects';
export {
  KubernetesActuator,
  type ActuatorLogger,
  type KubernetesActuatorOptions,
} from './actuator/kubernetes-actuator';
/**
 * The Kubernetes API double: an in-memory stand-in for kube-apiserver over HTTPS on loopback,
 * with a workload controller stand-in, for tests and local trials. It is not a Kubernetes.
 */
export {
  KubernetesApiDouble,
  type KubeconfigOptions,
  type KubernetesApiDoubleOptions,
  type NetworkState,
  type NodeOptions,
} from './testing/kubernetes-api-double';
export {
  WorkloadStandIn,
  type WorkloadFault,
  type WorkloadStandInOptions,
} from './testing/workload-stand-in';
export type { KubeObject, ObjectMetadata } from './testing/object-store';
export type { CertificateAndKey } from './testing/tls-material';
/** State on the hub cluster's API: the StateStore on custom resources, its CRDs and fencing. */
export {
  KubernetesStateStore,
  type KubernetesStateStoreOptions,
} from './hub/kubernetes-state-store';
export { lifeboatCrdManifests, lifeboatCrds } from './hub/crds';
export { LeaseFenceLostError, type LeaseFence, type LeaseFenceSource } from './hub/lease-fence';
/** Leader election on a `coordination.k8s.io/v1` Lease, with client-go's semantics and a fence per term. */
export {
  KubernetesLeaderElector,
  type KubernetesLeaderElectorOptions,
  type LeaderCallbacks as KubernetesLeaderCallbacks,
} from './hub/kubernetes-leader-elector';
export {
  KubernetesLeaseLock,
  type LeaderElectionRecord,
  type LeaseLock,
  type ObservedRecord,
} from './hub/lease-lock';
