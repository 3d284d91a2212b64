import { createServer, connect, type Server, type Socket } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { makeCluster } from '@lifeboat/core/testing';
import { KubernetesApiDouble } from '../testing/kubernetes-api-double';
import { lifeboatCrds } from './crds';
import { KubernetesLeaderElector } from './kubernetes-leader-elector';
import { KubernetesStateStore } from './kubernetes-state-store';
import { LeaseFenceLostError } from './lease-fence';

/** A loopback TCP relay to the double that a test can cut: a network partition of one replica. */
class Relay {
  private readonly sockets = new Set<Socket>();
  private cut = false;
  private constructor(private readonly server: Server) {}

  static async to(port: number): Promise<Relay> {
    const server = createServer();
    const relay = new Relay(server);
    server.on('connection', (client) => {
      if (relay.cut) return void client.destroy();
      const upstream = connect(port, '127.0.0.1');
      for (const s of [client, upstream]) {
        relay.sockets.add(s);
        s.on('close', () => relay.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return relay;
  }

  get port(): number {
    return (this.server.address() as { port: number }).port;
  }

  partition(): void {
    this.cut = true;
    for (const s of this.sockets) s.destroy();
  }

  close(): Promise<void> {
    this.partition();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

// Real HTTP to the API double on the real clock, with short timings (1 s lease, 0.6 s renew
// deadline, 0.2 s retry); the assertions are about outcomes, not durations.
describe('KubernetesLeaderElector against the Kubernetes API double', () => {
  let double: KubernetesApiDouble;
  let relay: Relay;

  beforeEach(async () => {
    double = await KubernetesApiDouble.start();
    for (const crd of lifeboatCrds()) double.create(crd);
    relay = await Relay.to(Number(new URL(double.url).port));
  });

  afterEach(async () => {
    await relay.close();
    await double.stop();
  });

  const config = (viaRelay: boolean) => {
    const kubeConfig = new KubeConfig();
    const text = double.kubeconfig();
    kubeConfig.loadFromString(
      viaRelay ? text.replace(double.url, `https://127.0.0.1:${relay.port}`) : text,
    );
    return kubeConfig;
  };
  const elector = (identity: string, viaRelay: boolean) =>
    new KubernetesLeaderElector({
      kubeConfig: config(viaRelay),
      identity,
      leaseDurationSeconds: 1,
      renewDeadlineMs: 600,
      retryPeriodMs: 200,
    });

  it('hands over to the standby when the leader is partitioned, and refuses the deposed leader’s writes', async () => {
    const a = elector('a', true);
    const b = elector('b', false);
    const storeA = new KubernetesStateStore({ kubeConfig: config(true) });
    const storeB = new KubernetesStateStore({ kubeConfig: config(false) });
    const aLeads = new Promise<void>(
      (resolve) =>
        void a.run({ onStartedLeading: () => resolve(), onStoppedLeading: () => undefined }),
    );
    await aLeads;
    const bLeads = new Promise<AbortSignal>(
      (resolve) => void b.run({ onStartedLeading: resolve, onStoppedLeading: () => undefined }),
    );
    const aFence = a.fence();
    await storeA.withFence(() => a.fence()).create('Cluster', makeCluster('written-by-a').build());

    relay.partition();
    await bLeads;
    expect(a.isLeader()).toBe(false);
    expect(
      double.find('coordination.k8s.io/v1', 'Lease', 'lifeboat-system', 'lifeboat-controller')
        ?.spec,
    ).toMatchObject({
      holderIdentity: 'b',
      leaseTransitions: 1,
    });

    // A's old fence, presented on a working connection, names a term that is over.
    const stale = storeB.withFence({
      ...(aFence as NonNullable<typeof aFence>),
      validUntil: Number.MAX_SAFE_INTEGER,
    });
    await expect(stale.create('Cluster', makeCluster('late-a').build())).rejects.toThrow(
      LeaseFenceLostError,
    );
    await expect(
      storeA.withFence(() => a.fence()).create('Cluster', makeCluster('late-a').build()),
    ).rejects.toThrow('this replica does not lead');
    await storeB.withFence(() => b.fence()).create('Cluster', makeCluster('written-by-b').build());
    expect((await storeB.list('Cluster')).items.map((c) => c.metadata.name)).toEqual([
      'written-by-a',
      'written-by-b',
    ]);
    await Promise.all([a.stop(), b.stop()]);
  });
});
