import 'reflect-metadata';

/**
 * `@lifeboat/kubernetes`: Lifeboat on real Kubernetes. Member clusters from kubeconfigs (probe,
 * capacity, a server-side-apply actuator with status read-back) and the hub cluster's API as
 * the StateStore (custom resources) and leader election (a `coordination.k8s.io/v1` Lease).
 */

/** The hub's custom resources: their API group and version. */
export { LIFEBOAT_API_GROUP, LIFEBOAT_API_VERSION } from './hub/api-group';
