import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Kubectl } from './testing/kubectl';
import { KubernetesApiDouble } from './testing/kubernetes-api-double';

// The manifests docs/kubernetes.md tells users to apply, applied the way it says: with a real
// kubectl, `apply --server-side`, here to an API double.
const DOCS = join(__dirname, '..', '..', '..', 'docs');
const manifest = (name: string): string => join(DOCS, 'kubernetes', name);

function kinds(path: string): string[] {
  return parseAllDocuments(readFileSync(path, 'utf8')).map((d) => {
    const o = d.toJS() as { kind: string; metadata: { name: string } };
    return `${o.kind}/${o.metadata.name}`;
  });
}

describe('the deployment manifests of docs/kubernetes.md', () => {
  let double: KubernetesApiDouble;
  let kubectl: Kubectl;

  beforeEach(async () => {
    double = await KubernetesApiDouble.start({ workloads: { startupDelayMs: 50 } });
    kubectl = new Kubectl(double.kubeconfig());
  });
  afterEach(async () => {
    kubectl.dispose();
    await double.stop();
  });

  it('the hub controller (ServiceAccount, least RBAC, its config, a two-replica Deployment) applies with kubectl --server-side', async () => {
    const out = await kubectl.ok(['apply', '--server-side', '-f', manifest('hub-controller.yaml')]);
    expect(out.trim().split('\n')).toHaveLength(kinds(manifest('hub-controller.yaml')).length);
    const deployment = double.find(
      'apps/v1',
      'Deployment',
      'lifeboat-system',
      'lifeboat-controller',
    );
    expect((deployment?.['spec'] as { replicas: number }).replicas).toBe(2);
    const args = (
      deployment?.['spec'] as { template: { spec: { containers: { args: string[] }[] } } }
    ).template.spec.containers[0]?.args;
    expect(args).toEqual(
      expect.arrayContaining(['controller', '--kubeconfig=/etc/lifeboat/hub/kubeconfig']),
    );
    const clusterRole = double.find(
      'rbac.authorization.k8s.io/v1',
      'ClusterRole',
      undefined,
      'lifeboat-controller',
    ) as { rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[] } | undefined;
    // Exactly what the hub store does: the two custom resources (no status subresource) and
    // creating a Binding's namespace.
    expect(clusterRole?.rules.map((r) => `${r.apiGroups}/${r.resources}:${r.verbs}`)).toEqual([
      'lifeboat.dev/clusters,bindings:get,list,watch,create,update,delete',
      '/namespaces:create',
    ]);
    expect(
      double.find('rbac.authorization.k8s.io/v1', 'Role', 'lifeboat-system', 'lifeboat-controller'),
    ).toBeDefined();
    // Applying again changes nothing: the manifests are what the server keeps.
    expect(
      await kubectl.ok(['apply', '--server-side', '-f', manifest('hub-controller.yaml')]),
    ).toMatch(/serverside-applied/);
    await kubectl.ok([
      'wait',
      '--for=condition=Available',
      '-n',
      'lifeboat-system',
      'deployment/lifeboat-controller',
      '--timeout=10s',
    ]);
  });

  it("a member's least RBAC for Lifeboat applies with kubectl --server-side", async () => {
    await kubectl.ok(['apply', '--server-side', '-f', manifest('member-rbac.yaml')]);
    const role = double.find(
      'rbac.authorization.k8s.io/v1',
      'ClusterRole',
      undefined,
      'lifeboat-member',
    ) as
      | { rules: { resources?: string[]; verbs: string[]; nonResourceURLs?: string[] }[] }
      | undefined;
    expect(role?.rules.flatMap((r) => r.nonResourceURLs ?? [])).toEqual([
      '/readyz',
      '/healthz',
      '/livez',
      '/version',
    ]);
    // Nothing beyond what the actuator and the probes use.
    expect(role?.rules.flatMap((r) => r.verbs).sort()).not.toContain('*');
    expect(double.find('v1', 'ServiceAccount', 'lifeboat-system', 'lifeboat-member')).toBeDefined();
    expect(double.find('v1', 'Secret', 'lifeboat-system', 'lifeboat-member')?.['type']).toBe(
      'kubernetes.io/service-account-token',
    );
  });

  it('docs/kubernetes.md names the files it tells users to apply', () => {
    const text = readFileSync(join(DOCS, 'kubernetes.md'), 'utf8');
    for (const file of ['hub-controller.yaml', 'member-rbac.yaml', 'crds.yaml'])
      expect(text).toContain(`docs/kubernetes/${file}`);
  });
});
