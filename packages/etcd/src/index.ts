import 'reflect-metadata';

/**
 * `@lifeboat/etcd`: Lifeboat's state and coordination on a real etcd. A `StateStore` with
 * compare-on-revision writes and resumable watches, fencing so a deposed leader cannot write,
 * leader election on an etcd lease, and agent heartbeats that renew `Lease` objects on the
 * real clock.
 */

/** Connecting: a client that has answered once, or a clear error. */
export { connectEtcd, type ConnectEtcdOptions, type EtcdTlsOptions } from './client/connect-etcd';
/** Whether etcd answers now, checked periodically (readiness, re-reporting after an outage). */
export { EtcdHealth, type EtcdHealthOptions } from './client/etcd-health';
/** The StateStore on etcd and its watch options. */
export {
  EtcdStateStore,
  type EtcdStateStoreOptions,
  type EtcdWatchOptions,
} from './store/etcd-state-store';
/** The key prefix objects live under by default (`/lifeboat/`). */
export { DEFAULT_KEY_PREFIX } from './store/key-layout';
/** JSON encoding of stored objects, with `Quantity` revival per kind. */
export { decodeObject, encodeObject } from './codec/object-codec';
/** Fencing: the leadership proof a fenced write re-checks. */
export type { Fence, FenceSource } from './fence/fence';
/** Errors this package adds to core's. */
export { FenceLostError } from './errors/fence-lost-error';
export { EtcdUnavailableError } from './errors/etcd-unavailable-error';
export { CorruptObjectError } from './errors/corrupt-object-error';
/** A throwaway loopback etcd for tests and local trials. */
export { EtcdServer, type EtcdServerOptions } from './testing/etcd-server';
export {
  createTestCertificates,
  type CertificateFiles,
  type TestCertificates,
} from './testing/test-certificates';
/** Leader election on an etcd lease, exposing the fence of the current term. */
export {
  EtcdLeaderElector,
  type EtcdLeaderElectorOptions,
  type LeaderCallbacks,
} from './election/etcd-leader-elector';
/** Members' status reports, one key range per cluster, that the active controller copies into bindings. */
export {
  MEMBER_REPORTS_PER_WRITE,
  MemberReports,
  type MemberReport,
  type MemberReportEvent,
  type MemberReportsOptions,
} from './reports/member-reports';
/** Agent heartbeats: a `Lease` object and/or the Cluster's heartbeat time, renewed on the real clock. */
export { ClusterHeartbeat, type ClusterHeartbeatOptions } from './heartbeat/cluster-heartbeat';
