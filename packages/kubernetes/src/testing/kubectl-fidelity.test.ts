import { stringify } from 'yaml';
import { Kubectl } from './kubectl';
import { KubernetesApiDouble } from './kubernetes-api-double';

// The double is checked by a client nobody here wrote: where kubectl and the double disagree,
// the double is wrong.
const deployment = (replicas: number, image = 'nginx:1.27') =>
  stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image, ports: [{ containerPort: 80 }] }] },
      },
    },
  });

const configMap = (name: string) =>
  stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'shop' },
    data: { a: '1' },
  });

const namespace = stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });

describe('kubectl against the Kubernetes API double', () => {
  let double: KubernetesApiDouble;
  let kubectl: Kubectl;

  beforeEach(async () => {
    double = await KubernetesApiDouble.start({ workloads: { startupDelayMs: 200 } });
    kubectl = new Kubectl(double.kubeconfig());
  });

  const readWeb = async () =>
    JSON.parse(
      await kubectl.ok([
        'get',
        '-n',
        'shop',
        'deploy',
        'web',
        '-o',
        'json',
        '--show-managed-fields',
      ]),
    );

  afterEach(async () => {
    kubectl.dispose();
    await double.stop();
  });

  it('lists namespaces and nodes as server-printed tables', async () => {
    const namespaces = await kubectl.ok(['get', 'namespaces']);
    expect(namespaces.split('\n')[0]).toMatch(/^NAME\s+STATUS\s+AGE$/);
    expect(namespaces).toMatch(/^default\s+Active\s+\d+s$/m);
    expect(namespaces).toMatch(/^kube-system\s+Active/m);
    const nodes = await kubectl.ok(['get', 'nodes', '-o', 'name']);
    expect(nodes.trim()).toBe('node/node-1');
  });

  it('creates with apply --server-side, re-applies as a no-op, and reports field manager conflicts', async () => {
    await kubectl.ok(['apply', '--server-side', '-f', '-'], namespace);
    const applied = await kubectl.ok(['apply', '--server-side', '-f', '-'], deployment(2));
    expect(applied.trim()).toBe('deployment.apps/web serverside-applied');
    const first = await readWeb();
    expect(first.spec.replicas).toBe(2);
    expect(first.metadata.managedFields).toEqual([
      expect.objectContaining({ manager: 'kubectl', operation: 'Apply' }),
      expect.objectContaining({
        manager: 'kube-controller-manager',
        operation: 'Update',
        subresource: 'status',
      }),
    ]);

    await kubectl.ok(['apply', '--server-side', '-f', '-'], deployment(2));
    const again = JSON.parse(
      await kubectl.ok(['get', '-n', 'shop', 'deployment', 'web', '-o', 'json']),
    );
    expect(again.metadata.generation).toBe(1);

    const clash = await kubectl.run(
      ['apply', '--server-side', '--field-manager', 'lifeboat', '-f', '-'],
      deployment(5),
    );
    expect(clash.code).not.toBe(0);
    expect(clash.stderr).toContain('conflict with "kubectl": .spec.replicas');

    await kubectl.ok(
      ['apply', '--server-side', '--field-manager', 'lifeboat', '--force-conflicts', '-f', '-'],
      deployment(5),
    );
    const taken = await readWeb();
    expect(taken.spec.replicas).toBe(5);
    expect(taken.metadata.generation).toBe(2);
    const managers = taken.metadata.managedFields.map((e: { manager: string }) => e.manager);
    expect(managers).toEqual(expect.arrayContaining(['kubectl', 'lifeboat']));
  });

  it('waits for a Deployment to become Available once the stand-in kubelet has started its replicas', async () => {
    await kubectl.ok(['apply', '--server-side', '-f', '-'], namespace + '---\n' + deployment(3));
    await kubectl.ok([
      'wait',
      '-n',
      'shop',
      '--for=condition=Available',
      'deployment/web',
      '--timeout=30s',
    ]);
    const status = JSON.parse(
      await kubectl.ok(['get', '-n', 'shop', 'deployment', 'web', '-o', 'jsonpath={.status}']),
    );
    expect(status).toMatchObject({ readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    const pods = await kubectl.ok(['get', '-n', 'shop', 'pods', '-l', 'app=web', '-o', 'name']);
    expect(pods.trim().split('\n')).toHaveLength(3);
  });

  it('deletes a Deployment and, through owner references, its pods', async () => {
    await kubectl.ok(['apply', '--server-side', '-f', '-'], namespace + '---\n' + deployment(2));
    await kubectl.ok([
      'wait',
      '-n',
      'shop',
      '--for=condition=Available',
      'deployment/web',
      '--timeout=30s',
    ]);
    const deleted = await kubectl.ok(['delete', '-n', 'shop', 'deployment', 'web']);
    expect(deleted.trim()).toBe('deployment.apps "web" deleted');
    const missing = await kubectl.run(['get', '-n', 'shop', 'deployment', 'web']);
    expect(missing.stderr.trim()).toBe(
      'Error from server (NotFound): deployments.apps "web" not found',
    );
    expect((await kubectl.ok(['get', '-n', 'shop', 'pods', '-o', 'name'])).trim()).toBe('');
  });

  it('streams changes to get --watch', async () => {
    await kubectl.ok(['apply', '--server-side', '-f', '-'], namespace);
    const watch = kubectl.start(['get', '-n', 'shop', 'configmaps', '--watch', '-o', 'name']);
    let seen = '';
    const lines = new Promise<string[]>((resolve) => {
      watch.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const names = seen.split('\n').filter(Boolean);
        if (names.length >= 2) resolve(names);
      });
    });
    // The watch is open once kubectl has listed (an empty list prints nothing): create after it asks.
    await double.watching(1);
    // Not `kubectl create configmap`: it sends protobuf, which the double does not speak.
    await kubectl.ok(['apply', '--server-side', '-f', '-'], configMap('first'));
    await kubectl.ok(['apply', '--server-side', '-f', '-'], configMap('second'));
    expect(await lines).toEqual(['configmap/first', 'configmap/second']);
    watch.kill('SIGTERM');
  });

  it('serves a CustomResourceDefinition: Established, then its resources through discovery', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.dev' },
      spec: {
        group: 'example.dev',
        scope: 'Namespaced',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget', shortNames: ['wd'] },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
            },
          },
        ],
      },
    };
    await kubectl.ok(['apply', '--server-side', '-f', '-'], stringify(crd));
    await kubectl.ok([
      'wait',
      '--for=condition=Established',
      'crd/widgets.example.dev',
      '--timeout=10s',
    ]);
    const widget = {
      apiVersion: 'example.dev/v1',
      kind: 'Widget',
      metadata: { name: 'w1', namespace: 'default' },
      spec: { size: 3 },
    };
    await kubectl.ok(['apply', '--server-side', '-f', '-'], stringify(widget));
    expect((await kubectl.ok(['get', 'wd', '-o', 'name'])).trim()).toBe('widget.example.dev/w1');
    const bad = await kubectl.run(
      ['apply', '--server-side', '-f', '-'],
      stringify({ ...crd, metadata: { name: 'gadgets.example.dev' } }),
    );
    expect(bad.stderr).toContain(
      'metadata.name: Invalid value: "gadgets.example.dev": must be spec.names.plural+"."+spec.group',
    );
  });

  it('refuses a kubeconfig whose token it does not know, and accepts a client certificate', async () => {
    const stranger = new Kubectl(double.kubeconfig().replace(double.token, 'not-the-token'));
    const refused = await stranger.run(['get', 'namespaces']);
    stranger.dispose();
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('error: You must be logged in to the server');
    const withCertificate = new Kubectl(
      double.kubeconfig({ credentials: 'certificate', user: 'operator' }),
    );
    const listed = await withCertificate.ok(['get', 'namespace', 'default', '-o', 'name']);
    withCertificate.dispose();
    expect(listed.trim()).toBe('namespace/default');
  });
});
