import { makeCluster } from '@lifeboat/core/testing';
import { matchesClusterSelector } from './cluster-selector';
import type { ClusterSelector } from './placement';

const member1 = makeCluster('member1')
  .labels({ env: 'prod' })
  .region('eu-west')
  .zones('eu-west-1a', 'eu-west-1b')
  .provider('aws')
  .build();
const bare = makeCluster('bare').build();

describe('matchesClusterSelector', () => {
  it.each<{ name: string; selector: ClusterSelector; cluster?: typeof member1; want: boolean }>([
    { name: 'an empty selector selects every cluster', selector: {}, want: true },
    { name: 'an empty name list does not restrict', selector: { clusterNames: [] }, want: true },
    {
      name: 'a listed name is selected',
      selector: { clusterNames: ['member2', 'member1'] },
      want: true,
    },
    { name: 'an unlisted name is not', selector: { clusterNames: ['member2'] }, want: false },
    { name: 'exclude removes a name', selector: { exclude: ['member1'] }, want: false },
    {
      name: 'exclude wins over clusterNames',
      selector: { clusterNames: ['member1'], exclude: ['member1'] },
      want: false,
    },
    {
      name: 'a matching label selector selects',
      selector: { labelSelector: { matchLabels: { env: 'prod' } } },
      want: true,
    },
    {
      name: 'a non-matching label selector does not',
      selector: { labelSelector: { matchLabels: { env: 'dev' } } },
      want: false,
    },
    {
      name: 'a label selector on a cluster without labels',
      selector: { labelSelector: { matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] } },
      cluster: bare,
      want: true,
    },
    {
      name: 'region In',
      selector: {
        fieldSelector: {
          matchExpressions: [{ key: 'region', operator: 'In', values: ['eu-west'] }],
        },
      },
      want: true,
    },
    {
      name: 'region NotIn',
      selector: {
        fieldSelector: {
          matchExpressions: [{ key: 'region', operator: 'NotIn', values: ['eu-west'] }],
        },
      },
      want: false,
    },
    {
      name: 'provider In another value',
      selector: {
        fieldSelector: { matchExpressions: [{ key: 'provider', operator: 'In', values: ['gcp'] }] },
      },
      want: false,
    },
    {
      name: 'zone In holds when any of the zones is listed',
      selector: {
        fieldSelector: {
          matchExpressions: [{ key: 'zone', operator: 'In', values: ['eu-west-1b'] }],
        },
      },
      want: true,
    },
    {
      name: 'zone NotIn fails when any of the zones is listed',
      selector: {
        fieldSelector: {
          matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['eu-west-1b'] }],
        },
      },
      want: false,
    },
    {
      name: 'a field In on a cluster without the field',
      selector: {
        fieldSelector: {
          matchExpressions: [{ key: 'region', operator: 'In', values: ['eu-west'] }],
        },
      },
      cluster: bare,
      want: false,
    },
    {
      name: 'a field NotIn on a cluster without the field',
      selector: {
        fieldSelector: {
          matchExpressions: [{ key: 'region', operator: 'NotIn', values: ['eu-west'] }],
        },
      },
      cluster: bare,
      want: true,
    },
    {
      name: 'every part must hold',
      selector: {
        clusterNames: ['member1'],
        labelSelector: { matchLabels: { env: 'prod' } },
        fieldSelector: {
          matchExpressions: [{ key: 'provider', operator: 'In', values: ['azure'] }],
        },
      },
      want: false,
    },
  ])('$name', ({ selector, cluster, want }) => {
    expect(matchesClusterSelector(selector, cluster ?? member1)).toBe(want);
  });
});
