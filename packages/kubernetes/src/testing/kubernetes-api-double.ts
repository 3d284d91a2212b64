import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { RealClock, type Clock } from '@lifeboat/core';
import { stringify as toYaml } from 'yaml';
import { crdProblems, customResourceTypes, establishedStatus } from './custom-resource-definitions';
import { ApiError, invalid } from './api-error';
import { handleRequest } from './http-handler';
import { pruneAndValidate } from './structural-schema';
import { ObjectStore, type KubeObject } from './object-store';
import { ResourceApi } from './resource-api';
import { ResourceRegistry } from './resource-registry';
import type { ResourceType } from './resource-types';
import { TestCertificateAuthority, type CertificateAndKey } from './tls-material';
import { WorkloadStandIn, type WorkloadStandInOptions } from './workload-stand-in';

/** Options of {@link KubernetesApiDouble.start}. @public */
export interface KubernetesApiDoubleOptions {
  /** Timestamps, watch timeouts and the workload stand-in's delays; the real clock by default. */
  readonly clock?: Clock;
  /** 0 (default) picks a free port on 127.0.0.1. */
  readonly port?: number;
  /** Changes each resource remembers for watches before older ones are compacted (default 1000). */
  readonly historyLimit?: number;
  /** The cluster's name in the kubeconfigs it writes (default `double`). */
  readonly clusterName?: string;
  /** The nodes it starts with (default: one, `node-1`, with 8 CPUs, 16Gi and 110 pods). */
  readonly nodes?: readonly NodeOptions[];
  /** The workload controller stand-in's start-up delay. */
  readonly workloads?: WorkloadStandInOptions;
}

/** A node of the double. @public */
export interface NodeOptions {
  readonly name: string;
  /** Allocatable CPU, memory and pods as quantities (`'8'`, `'16Gi'`, `'110'`). */
  readonly cpu?: string;
  readonly memory?: string;
  readonly pods?: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** Ready condition True (default) or False. */
  readonly ready?: boolean;
  readonly unschedulable?: boolean;
}

/** How the double's network behaves. @public */
export type NetworkState = 'up' | 'hang' | 'down';

/** What a kubeconfig written by {@link KubernetesApiDouble.kubeconfig} authenticates with. @public */
export interface KubeconfigOptions {
  /** `token` (default): the admin bearer token; `certificate`: a client certificate for `user`. */
  readonly credentials?: 'token' | 'certificate';
  readonly user?: string;
  readonly groups?: readonly string[];
  /** Context (and user entry) name; the cluster name by default. */
  readonly context?: string;
}

const SYSTEM_MANAGER = 'lifeboat-api-double';

/**
 * A Kubernetes API server **test double**: an in-memory stand-in for kube-apiserver, served over
 * real HTTPS on 127.0.0.1 with a certificate authority it makes at start, authenticating bearer
 * tokens and client certificates. It implements what Lifeboat and kubectl use (discovery,
 * get/list/watch with resourceVersion and `410 Gone`, create, update with `409 Conflict`,
 * server-side apply with managed fields, merge/strategic/JSON patches, delete with finalizers
 * and garbage collection, namespaces, CRDs and custom resources, `/readyz`, `/healthz`) and
 * can be told to fail its health checks, hang, or go dark. It is not a Kubernetes: there is no RBAC or admission, only
 * JSON (no protobuf), and only custom resources are checked against a schema (their CRD's
 * structural schema, pruning unknown fields as the real server does).
 * @public
 */
export class KubernetesApiDouble {
  readonly store: ObjectStore;
  readonly registry = new ResourceRegistry();
  readonly api: ResourceApi;
  /** The Deployment/StatefulSet controller, scheduler and kubelet stand-in; tell it faults here. */
  readonly workloads: WorkloadStandIn;
  /** A bearer token for the user `admin`. */
  readonly token = randomBytes(24).toString('hex');
  private readonly tokens = new Map<string, string>();
  private readonly sockets = new Set<Socket>();
  private readonly watches = new Map<ServerResponse, () => void>();
  private readonly held = new Set<ServerResponse>();
  private readonly watchWaiters: { count: number; resolve: () => void }[] = [];
  private health = { healthz: true, readyz: true, livez: true };
  private network: NetworkState = 'up';
  private port = 0;

  private constructor(
    private readonly server: Server,
    private readonly authority: TestCertificateAuthority,
    readonly clock: Clock,
    private readonly clusterName: string,
    historyLimit: number,
    workloads: WorkloadStandInOptions,
  ) {
    this.store = new ObjectStore(historyLimit);
    this.api = new ResourceApi(
      this.store,
      clock,
      (apiVersion, kind) => this.registry.findKind(apiVersion, kind),
      () => this.registry.all(),
    );
    this.api.onValidate((type, object) => {
      if (type.kind === 'CustomResourceDefinition') validateCrd(object);
      if (type.schema !== undefined) {
        const problems = pruneAndValidate(object, type.schema);
        if (problems.length > 0)
          throw invalid(type.kind, object.metadata.name, type.group, [...problems]);
      }
    });
    this.api.onWrite((type, event) => this.reactToCrd(type, event.type, event.object));
    this.workloads = new WorkloadStandIn(this.api, this.registry, clock, workloads);
    this.tokens.set(this.token, 'admin');
    for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease'])
      this.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }

  /** Starts a double on 127.0.0.1. */
  static async start(options: KubernetesApiDoubleOptions = {}): Promise<KubernetesApiDouble> {
    const authority = TestCertificateAuthority.create();
    const serving = authority.issueServing();
    const server = createServer({
      key: serving.key,
      cert: serving.certificate,
      ca: authority.certificate,
      requestCert: true,
      rejectUnauthorized: false,
    });
    const double = new KubernetesApiDouble(
      server,
      authority,
      options.clock ?? new RealClock(),
      options.clusterName ?? 'double',
      options.historyLimit ?? 1000,
      options.workloads ?? {},
    );
    for (const node of options.nodes ?? [{ name: 'node-1' }]) double.addNode(node);
    server.on('secureConnection', (socket: Socket) => double.track(socket));
    server.on('request', (req: IncomingMessage, res: ServerResponse) => double.serve(req, res));
    await double.listen(options.port ?? 0);
    return double;
  }

  /** `https://127.0.0.1:PORT`. */
  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  /** The CA certificate (PEM) that signed the serving certificate. */
  get caCertificate(): string {
    return this.authority.certificate;
  }

  /** A client certificate the double accepts, for `user` in `groups`. */
  issueClientCertificate(user: string, groups: readonly string[] = []): CertificateAndKey {
    return this.authority.issueClient(user, groups);
  }

  /** Adds a bearer token for `user`. */
  addToken(user: string): string {
    const token = randomBytes(24).toString('hex');
    this.tokens.set(token, user);
    return token;
  }

  /** A kubeconfig (YAML) whose current context points at this double. */
  kubeconfig(options: KubeconfigOptions = {}): string {
    const name = options.context ?? this.clusterName;
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    let user: Record<string, string>;
    if (options.credentials === 'certificate') {
      const issued = this.issueClientCertificate(
        options.user ?? 'admin',
        options.groups ?? ['system:masters'],
      );
      user = {
        'client-certificate-data': b64(issued.certificate),
        'client-key-data': b64(issued.key),
      };
    } else {
      user = { token: options.user ? this.addToken(options.user) : this.token };
    }
    return toYaml({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name,
          cluster: { server: this.url, 'certificate-authority-data': b64(this.caCertificate) },
        },
      ],
      users: [{ name, user }],
      contexts: [{ name, context: { cluster: name, user: name } }],
      'current-context': name,
    });
  }

  /** Makes `/healthz`, `/readyz` or `/livez` fail (false) or pass again (true). */
  setHealth(checks: Partial<Record<'healthz' | 'readyz' | 'livez', boolean>>): void {
    this.health = { ...this.health, ...checks };
  }

  /**
   * `down`: the port refuses connections and open ones are cut (a stopped API server).
   * `hang`: connections are accepted but nothing is answered and open watches go silent (a
   * network partition). `up`: serving again on the same port; connections held by a hang are
   * reset, so clients re-watch from their last resourceVersion.
   */
  async setNetwork(state: NetworkState): Promise<void> {
    if (state === this.network) return;
    const previous = this.network;
    this.network = state;
    if (state === 'down') await this.closeListener();
    else if (state === 'up') {
      this.cutConnections();
      if (previous === 'down') await this.listen(this.port);
    }
  }

  /** Registers a node as its kubelet would, with allocatable resources and a Ready condition. */
  addNode(node: NodeOptions): KubeObject {
    const resources = {
      cpu: node.cpu ?? '8',
      memory: node.memory ?? '16Gi',
      pods: node.pods ?? '110',
    };
    return this.create({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: node.name,
        labels: { 'kubernetes.io/hostname': node.name, ...node.labels },
      },
      spec: node.unschedulable ? { unschedulable: true } : {},
      status: {
        capacity: resources,
        allocatable: resources,
        conditions: [
          {
            type: 'Ready',
            status: node.ready === false ? 'False' : 'True',
            reason: node.ready === false ? 'KubeletNotReady' : 'KubeletReady',
            lastHeartbeatTime: this.api.timestamp(),
            lastTransitionTime: this.api.timestamp(),
          },
        ],
      },
    });
  }

  /** Resolves once at least `count` watch requests are open (a test's cue that a client is listening). */
  watching(count: number): Promise<void> {
    if (this.watches.size >= count) return Promise.resolve();
    return new Promise((resolve) => this.watchWaiters.push({ count, resolve }));
  }

  /** Forgets every resource's change history up to now, as etcd compaction does. */
  compact(): void {
    this.store.compact();
  }

  /** Creates an object as the double's own manager (for seeding a test). */
  create(object: Record<string, unknown>): KubeObject {
    const { type, namespace } = this.typeOf(object);
    return this.api.create(type, namespace, object as KubeObject, { manager: SYSTEM_MANAGER });
  }

  /** Reads an object, or undefined. */
  find(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    const type = this.registry.findKind(apiVersion, kind);
    if (!type) return undefined;
    try {
      return this.api.get(type, namespace, name);
    } catch (error) {
      if (error instanceof ApiError && error.code === 404) return undefined;
      throw error;
    }
  }

  async stop(): Promise<void> {
    this.workloads.stop();
    if (this.network !== 'down') {
      this.network = 'down';
      await this.closeListener();
    }
    this.cutConnections();
    this.authority.dispose();
  }

  private typeOf(object: Record<string, unknown>): { type: ResourceType; namespace?: string } {
    const type = this.registry.findKind(String(object.apiVersion), String(object.kind));
    if (!type)
      throw new Error(
        `the double serves no ${String(object.kind)} in ${String(object.apiVersion)}`,
      );
    const metadata = (object.metadata ?? {}) as { namespace?: string };
    return type.namespaced ? { type, namespace: metadata.namespace ?? 'default' } : { type };
  }

  /** Stops accepting and cuts what is open (close alone would wait for every keep-alive connection). */
  private async closeListener(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.cutConnections();
    await closed;
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        const address = this.server.address();
        if (address && typeof address === 'object') this.port = address.port;
        resolve();
      });
    });
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }

  private cutConnections(): void {
    for (const stop of [...this.watches.values()]) stop();
    this.watches.clear();
    this.held.clear();
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  private serve(request: IncomingMessage, response: ServerResponse): void {
    if (this.network === 'hang') {
      this.held.add(response);
      return;
    }
    void handleRequest(
      {
        registry: this.registry,
        api: this.api,
        userOfToken: (token) => this.tokens.get(token),
        checks: () => this.health,
        serverAddress: () => `127.0.0.1:${this.port}`,
        scheduleTimeout: (callback, ms) => {
          const handle = this.clock.setTimeout(callback, ms);
          return () => this.clock.clearTimeout(handle);
        },
        trackWatch: (res, stop) => {
          this.watches.set(res, stop);
          res.on('close', () => this.watches.delete(res));
          for (const waiter of [...this.watchWaiters]) {
            if (this.watches.size < waiter.count) continue;
            this.watchWaiters.splice(this.watchWaiters.indexOf(waiter), 1);
            waiter.resolve();
          }
        },
        partitioned: () => this.network === 'hang',
        now: () => this.clock.now(),
      },
      request,
      response,
    );
  }

  /** The CRD controllers: serve a new CRD's resources and mark it Established; drop them on delete. */
  private reactToCrd(type: ResourceType, event: string, crd: KubeObject): void {
    if (type.kind !== 'CustomResourceDefinition') return;
    const name = crd.metadata.name;
    if (event === 'DELETED') {
      const served = customResourceTypes(crd)[0];
      this.registry.setCustom(name, []);
      if (served) this.store.drop(`${served.group}/${served.resource}`);
      return;
    }
    if (crdProblems(crd).length > 0) return;
    this.registry.setCustom(name, customResourceTypes(crd));
    const status = crd.status as { conditions?: { type: string; status: string }[] } | undefined;
    if (status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')) return;
    this.api.update(
      type,
      undefined,
      name,
      { ...crd, status: establishedStatus(crd, this.api.timestamp()) },
      { manager: 'kube-apiserver', scope: 'status' },
    );
  }
}

/** Rejects an invalid CRD before it is stored (the real server validates CRDs on write). */
function validateCrd(crd: KubeObject): void {
  const problems = crdProblems(crd);
  if (problems.length > 0)
    throw invalid('CustomResourceDefinition', crd.metadata.name, 'apiextensions.k8s.io', problems);
}
