import { FEEDS_GROUP_KEY } from '@lifeboat/simulator';
import { parseDocument } from 'yaml';
import { parseWorkloadsDocument } from './workloads-file';
import { readWorkloadDocuments } from './template-workloads';

const workloads = (flavor: string, entries: string) =>
  parseDocument(`
apiVersion: lifeboat.dev/v1alpha1
kind: Workloads
spec:
  flavor: ${flavor}
  workloads:
${entries}
`).toJS() as unknown;

describe('lifeboat apply: workload groups', () => {
  it('keeps labels and makes the Karmada workloadAffinity group of them', () => {
    const { bindings } = parseWorkloadsDocument(
      workloads(
        'karmada',
        `    - name: database
      namespace: shop
      labels: { app.kubernetes.io/part-of: shop }
      replicas: 1
      placement: { workloadAffinity: { affinity: { groupByLabelKey: app.kubernetes.io/part-of } } }
    - name: cache
      namespace: shop
      replicas: 1
      placement: { workloadAffinity: { affinity: { groupByLabelKey: app.kubernetes.io/part-of } } }`,
      ),
    );
    const [database, cache] = bindings;
    expect(database?.metadata.labels).toEqual({ 'app.kubernetes.io/part-of': 'shop' });
    expect(database?.spec.workloadAffinityGroups).toEqual({
      affinityGroup: 'app.kubernetes.io/part-of=shop',
    });
    // Without the label a workload joins no group.
    expect(cache?.spec.workloadAffinityGroups).toBeUndefined();
  });

  it("puts a Clusternet subscription's feeds in its group, with its placement", () => {
    const { bindings } = parseWorkloadsDocument(
      workloads(
        'clusternet',
        `    - name: database
      replicas: 1
      subscription:
        subscribers: [{ clusterAffinity: { matchLabels: { env: prod } } }]
        feeds: [{ apiVersion: v1, kind: ConfigMap, name: config }]
    - { name: config, kind: ConfigMap, replicas: 1 }`,
      ),
    );
    const group = { affinityGroup: `${FEEDS_GROUP_KEY}=database` };
    expect(bindings.map((b) => [b.metadata.name, b.spec.workloadAffinityGroups])).toEqual([
      ['database', group],
      ['config', group],
    ]);
    expect(bindings[1]?.spec.placement).toEqual(bindings[0]?.spec.placement);
  });

  it("takes a template's labels", () => {
    const { document, manifests } = readWorkloadDocuments(`
apiVersion: lifeboat.dev/v1alpha1
kind: Workloads
spec:
  flavor: karmada
  workloads:
    - template: { kind: Deployment, name: web }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, labels: { app.kubernetes.io/part-of: shop } }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx }] }
`);
    const [web] = parseWorkloadsDocument(document, manifests).bindings;
    expect(web?.metadata.labels).toEqual({ 'app.kubernetes.io/part-of': 'shop' });
  });
});
