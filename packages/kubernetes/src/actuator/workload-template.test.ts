import { Quantity, ValidationError, type Binding } from '@lifeboat/core';
import type { Manifest } from './manifest';
import {
  BINDING_ANNOTATION,
  MANAGED_BY_LABEL,
  belongsTo,
  memberManifests,
} from './member-manifests';
import { podReferences } from './pod-references';
import {
  TEMPLATE_ANNOTATION,
  encodeTemplate,
  parseWorkloadTemplate,
  templateOf,
  templateReplicaRequest,
} from './workload-template';

const configMap = (name: string, namespace = 'shop'): Manifest => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace, uid: 'server-set', resourceVersion: '7' },
  data: { key: name },
});
const secret = (name: string, namespace = 'shop'): Manifest => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace },
  stringData: { password: 'x' },
});

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'shop',
    uid: 'abc',
    resourceVersion: '12',
    managedFields: [{ manager: 'kubectl' }],
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', team: 'a' },
  },
  spec: {
    replicas: 6,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        volumes: [{ name: 'conf', configMap: { name: 'web-config' } }],
        initContainers: [{ name: 'migrate', image: 'm', resources: { requests: { cpu: '2' } } }],
        containers: [
          {
            name: 'app',
            image: 'web:1',
            envFrom: [{ secretRef: { name: 'web-secret' } }],
            resources: { requests: { cpu: '500m', memory: '256Mi' } },
          },
          { name: 'sidecar', image: 's', resources: { limits: { cpu: '250m', memory: '64Mi' } } },
        ],
      },
    },
  },
  status: { readyReplicas: 6 },
};

describe('podReferences', () => {
  it('finds ConfigMaps and Secrets in volumes, projections, env, envFrom, every container kind and pull secrets', () => {
    const refs = podReferences({
      volumes: [
        { configMap: { name: 'cm-vol' } },
        { secret: { secretName: 's-vol' } },
        {
          projected: {
            sources: [{ configMap: { name: 'cm-proj' } }, { secret: { name: 's-proj' } }],
          },
        },
      ],
      containers: [
        {
          env: [
            { name: 'A', valueFrom: { configMapKeyRef: { name: 'cm-env', key: 'a' } } },
            { name: 'B', valueFrom: { secretKeyRef: { name: 's-env', key: 'b' } } },
            { name: 'C', value: 'plain' },
          ],
        },
      ],
      initContainers: [{ envFrom: [{ configMapRef: { name: 'cm-init' } }] }],
      ephemeralContainers: [{ envFrom: [{ secretRef: { name: 's-debug' } }] }],
      imagePullSecrets: [{ name: 's-pull' }],
    });
    expect([...refs.configMaps].sort()).toEqual(['cm-env', 'cm-init', 'cm-proj', 'cm-vol']);
    expect([...refs.secrets].sort()).toEqual(['s-debug', 's-env', 's-proj', 's-pull', 's-vol']);
  });
});

describe('parseWorkloadTemplate', () => {
  it('takes the ConfigMaps and Secrets of its namespace that it references, and drops server-set fields', () => {
    const template = parseWorkloadTemplate(deployment, [
      configMap('web-config'),
      secret('web-secret'),
      configMap('unrelated'),
      configMap('web-config', 'other-namespace'),
    ]);
    expect(template.dependencies.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual([
      'ConfigMap/web-config',
      'Secret/web-secret',
    ]);
    expect(template.dependencies[0]?.metadata).toEqual({ name: 'web-config', namespace: 'shop' });
    expect(template.workload.metadata).toEqual({
      name: 'web',
      namespace: 'shop',
      annotations: { team: 'a' },
    });
    expect(template.workload['status']).toBeUndefined();
  });

  it('counts one replica as kube-scheduler does: containers summed, the largest init container if more, limits as requests', () => {
    const request = templateReplicaRequest(parseWorkloadTemplate(deployment, []));
    // cpu: max(500m + 250m, 2) = 2; memory: 256Mi + 64Mi.
    expect(request.cpu?.cmp(Quantity.parse('2'))).toBe(0);
    expect(request.memory?.cmp(Quantity.parse('320Mi'))).toBe(0);
  });

  it('refuses what is not a workload, naming each field', () => {
    const issues = (manifest: unknown): string[] => {
      try {
        parseWorkloadTemplate(manifest, [], 'spec.workloads[0].template');
      } catch (error) {
        if (error instanceof ValidationError)
          return error.issues.map((i) => `${i.path}: ${i.message}`);
        throw error;
      }
      return [];
    };
    expect(
      issues({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'Bad_Name' },
        spec: { replicas: -1, template: { spec: {} } },
      }),
    ).toEqual([
      'spec.workloads[0].template.kind: must be one of Deployment, StatefulSet',
      'spec.workloads[0].template.apiVersion: must be apps/v1',
      'spec.workloads[0].template.metadata.name: required: a DNS-1123 subdomain',
      'spec.workloads[0].template.spec.replicas: must be a whole number >= 0',
      'spec.workloads[0].template.spec.template.spec.containers: required: at least one container',
    ]);
  });

  it('travels in a binding annotation and comes back the same', () => {
    const template = parseWorkloadTemplate(deployment, [configMap('web-config')]);
    const binding = {
      metadata: {
        name: 'web',
        namespace: 'shop',
        annotations: { [TEMPLATE_ANNOTATION]: encodeTemplate(template) },
      },
    } as unknown as Binding;
    expect(templateOf(binding)).toEqual(template);
    expect(templateOf({ ...binding, metadata: { name: 'plain' } })).toBeUndefined();
    expect(() =>
      templateOf({
        ...binding,
        metadata: { ...binding.metadata, annotations: { [TEMPLATE_ANNOTATION]: '{' } },
      }),
    ).toThrow(`Binding shop/web annotation ${TEMPLATE_ANNOTATION}: not JSON`);
  });
});

describe('memberManifests', () => {
  it("applies the dependencies first, then the workload with the member's share, all marked as the binding's", () => {
    const template = parseWorkloadTemplate(deployment, [
      configMap('web-config'),
      secret('web-secret'),
    ]);
    const manifests = memberManifests(template, 'shop/web', 2);
    expect(manifests.map((m) => m.kind)).toEqual(['ConfigMap', 'Secret', 'Deployment']);
    expect((manifests[2]?.['spec'] as { replicas: number }).replicas).toBe(2);
    for (const m of manifests) {
      expect(m.metadata.labels?.[MANAGED_BY_LABEL]).toBe('lifeboat');
      expect(m.metadata.annotations?.[BINDING_ANNOTATION]).toBe('shop/web');
      expect(belongsTo(m, 'shop/web')).toBe(true);
      expect(belongsTo(m, 'shop/other')).toBe(false);
    }
    // The template itself is left as it was.
    expect((template.workload['spec'] as { replicas: number }).replicas).toBe(6);
    expect(belongsTo({ metadata: { name: 'theirs', labels: { app: 'web' } } }, 'shop/web')).toBe(
      false,
    );
  });
});
