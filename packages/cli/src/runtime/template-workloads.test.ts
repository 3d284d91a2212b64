import { ValidationError } from '@lifeboat/core';
import { TEMPLATE_ANNOTATION, templateOf } from '@lifeboat/kubernetes';
import { parseWorkloadsDocument } from './workloads-file';
import { readWorkloadDocuments } from './template-workloads';

const FILE = `
apiVersion: lifeboat.dev/v1alpha1
kind: Workloads
spec:
  flavor: karmada
  workloads:
    - template: {kind: Deployment, name: web, namespace: shop}
      placement:
        clusterAffinity: {clusterNames: [member1, member2]}
        replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Weighted}
      failover: {cluster: {purgeMode: Gracefully}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 4
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx
          envFrom: [{configMapRef: {name: web-config}}]
          resources: {requests: {cpu: 250m, memory: 128Mi}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: web-config, namespace: shop}
data: {greeting: hello}
`;

function issues(text: string): string[] {
  try {
    const { document, manifests } = readWorkloadDocuments(text);
    parseWorkloadsDocument(document, manifests);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

describe('lifeboat apply with template manifests', () => {
  it('makes a binding from a Deployment template: its name, replicas and request, with the ConfigMap it references', () => {
    const { document, manifests } = readWorkloadDocuments(FILE);
    const { bindings } = parseWorkloadsDocument(document, manifests);
    expect(bindings).toHaveLength(1);
    const [web] = bindings;
    expect(web?.metadata).toMatchObject({ name: 'web', namespace: 'shop' });
    expect(web?.spec.resource).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
    });
    expect(web?.spec.replicas).toBe(4);
    expect(web?.spec.replicaRequirements?.resourceRequest.cpu?.toString()).toBe('250m');
    expect(web?.spec.failover).toEqual({ cluster: { purgeMode: 'Gracefully' } });
    const template = web ? templateOf(web) : undefined;
    expect(template?.dependencies.map((d) => d.metadata.name)).toEqual(['web-config']);
    expect(web?.metadata.annotations?.[TEMPLATE_ANNOTATION]).toBeDefined();
  });

  it('refuses a template reference with nothing behind it, a disagreeing field and a Deployment no workload places', () => {
    const broken = FILE.replace(
      '{kind: Deployment, name: web, namespace: shop}',
      '{kind: Deployment, name: nope}',
    ).replace('    - template:', '    - replicas: 2\n      template:');
    expect(issues(broken)).toEqual([
      "spec.workloads[0].template: no Deployment default/nope among the file's manifests",
      'spec.workloads[0].name: required',
      ': Deployment shop/web is not the template of any workload (add a workload with template: {kind: Deployment, name: web})',
    ]);
    const disagreeing = FILE.replace('    - template:', '    - replicas: 2\n      template:');
    expect(issues(disagreeing)).toEqual([
      'spec.workloads[0].replicas: the template says 4; leave it out or make them agree',
    ]);
    expect(issues(`${FILE}---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\n`)).toEqual([
      'documents[3]: expected the Workloads document or a manifest of kind Deployment, StatefulSet, ConfigMap, Secret with metadata.name',
    ]);
  });
});
