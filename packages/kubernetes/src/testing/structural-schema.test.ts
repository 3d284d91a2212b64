import type { KubeObject } from './object-store';
import { pruneAndValidate } from './structural-schema';

const schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['size'],
      properties: {
        size: { type: 'integer' },
        mode: { type: 'string', enum: ['fast', 'safe'] },
        limits: { type: 'object', additionalProperties: { 'x-kubernetes-int-or-string': true } },
        extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      },
    },
  },
};

const widget = (spec: unknown): KubeObject =>
  ({
    apiVersion: 'example.dev/v1',
    kind: 'Widget',
    metadata: { name: 'w' },
    spec,
    other: 1,
  }) as KubeObject;

describe('pruneAndValidate (what kube-apiserver does to a custom resource)', () => {
  it('drops fields the schema does not name, keeps preserved and additional ones', () => {
    const object = widget({
      size: 3,
      colour: 'red',
      limits: { cpu: '500m', pods: 4 },
      extra: { any: { thing: true } },
    });
    expect(pruneAndValidate(object, schema)).toEqual([]);
    expect(object).toEqual({
      apiVersion: 'example.dev/v1',
      kind: 'Widget',
      metadata: { name: 'w' },
      spec: { size: 3, limits: { cpu: '500m', pods: 4 }, extra: { any: { thing: true } } },
    });
  });

  it('names each field of the wrong type, outside an enum, or missing', () => {
    expect(
      pruneAndValidate(widget({ size: '3', mode: 'slow', limits: { cpu: true } }), schema),
    ).toEqual([
      {
        field: 'spec.size',
        message: 'Invalid value: "3": spec.size in body must be of type integer',
      },
      {
        field: 'spec.mode',
        message: 'Unsupported value: "slow": supported values: "fast", "safe"',
      },
      {
        field: 'spec.limits.cpu',
        message: 'Invalid value: true: spec.limits.cpu in body must be of type int-or-string',
      },
    ]);
    expect(pruneAndValidate(widget({}), schema)).toEqual([
      { field: 'spec.size', message: 'Required value' },
    ]);
  });
});
