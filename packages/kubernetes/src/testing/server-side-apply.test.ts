import type { KubeObject } from './object-store';
import {
  ApplyConflictError,
  recordUpdate,
  serverSideApply,
  type WriteContext,
} from './server-side-apply';

const context = (manager: string): WriteContext => ({
  manager,
  apiVersion: 'v1',
  time: '2026-01-01T00:00:00Z',
  scope: 'main',
  schema: { listKeys: { containers: ['name'] } },
});

const config = (data: Record<string, string>, labels?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'c', namespace: 'default', ...(labels ? { labels } : {}) },
  data,
});

describe('serverSideApply', () => {
  it('records exactly the applied fields for the manager', () => {
    const created = serverSideApply(
      undefined,
      config({ a: '1' }, { app: 'x' }),
      false,
      context('lifeboat'),
    );
    expect(created.metadata.managedFields).toEqual([
      {
        manager: 'lifeboat',
        operation: 'Apply',
        apiVersion: 'v1',
        time: '2026-01-01T00:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { 'f:a': {} }, 'f:metadata': { 'f:labels': { 'f:app': {} } } },
      },
    ]);
  });

  it('removes a field the manager stops applying, unless another manager owns it too', () => {
    const first = serverSideApply(
      undefined,
      config({ a: '1', b: '2' }),
      false,
      context('lifeboat'),
    );
    const shared = serverSideApply(first, config({ b: '2' }), false, context('ops'));
    const next = serverSideApply(shared, config({ c: '3' }), false, context('lifeboat'));
    expect(next.data).toEqual({ b: '2', c: '3' });
  });

  it('refuses to change another manager’s field without force, and takes it over with force', () => {
    const first = serverSideApply(undefined, config({ a: '1' }), false, context('ops'));
    expect(() => serverSideApply(first, config({ a: '2' }), false, context('lifeboat'))).toThrow(
      ApplyConflictError,
    );
    expect(() => serverSideApply(first, config({ a: '2' }), false, context('lifeboat'))).toThrow(
      'Apply failed with 1 conflict: conflict with "ops": .data.a',
    );
    const forced = serverSideApply(first, config({ a: '2' }), true, context('lifeboat'));
    expect(forced.data).toEqual({ a: '2' });
    expect(forced.metadata.managedFields?.map((e) => (e as { manager: string }).manager)).toEqual([
      'lifeboat',
    ]);
  });

  it('does not conflict when both managers want the same value, and merges keyed lists by key', () => {
    const pod = (containers: Record<string, string>[]): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default' },
      spec: { containers },
    });
    const first = serverSideApply(
      undefined,
      pod([{ name: 'web', image: 'a' }]),
      false,
      context('ops'),
    );
    const same = serverSideApply(
      first,
      pod([
        { name: 'web', image: 'a' },
        { name: 'side', image: 'b' },
      ]),
      false,
      context('lifeboat'),
    );
    expect((same.spec as { containers: unknown[] }).containers).toEqual([
      { name: 'web', image: 'a' },
      { name: 'side', image: 'b' },
    ]);
  });

  it('gives the fields an update changed to its manager and takes them from the others', () => {
    const applied = serverSideApply(
      undefined,
      config({ a: '1', b: '1' }),
      false,
      context('lifeboat'),
    );
    const edited = recordUpdate(
      applied,
      { ...applied, data: { a: '1', b: '9' } },
      context('kubectl-edit'),
    );
    const entries = edited.metadata.managedFields as { manager: string; fieldsV1: unknown }[];
    expect(entries.map((e) => [e.manager, e.fieldsV1])).toEqual([
      ['lifeboat', { 'f:data': { 'f:a': {} } }],
      ['kubectl-edit', { 'f:data': { 'f:b': {} } }],
    ]);
  });
});
