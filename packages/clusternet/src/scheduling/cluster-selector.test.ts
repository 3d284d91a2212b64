import type { ClusterSelector } from '@lifeboat/core';
import { makeCluster } from '@lifeboat/core/testing';
import { matchesClusterSelector } from './cluster-selector';

const cluster = makeCluster('m1').labels({ env: 'prod' }).region('eu').zones('eu-1a', 'eu-1b').provider('aws').build();

describe('matchesClusterSelector', () => {
  it.each<{ name: string; selector: ClusterSelector; want: boolean }>([
    { name: 'an empty selector selects every cluster', selector: {}, want: true },
    { name: 'a listed name selects', selector: { clusterNames: ['m1'] }, want: true },
    { name: 'an unlisted name does not', selector: { clusterNames: ['m2'] }, want: false },
    { name: 'exclude wins over the labels', selector: { labelSelector: { matchLabels: { env: 'prod' } }, exclude: ['m1'] }, want: false },
    { name: 'labels that differ do not select', selector: { labelSelector: { matchLabels: { env: 'dev' } } }, want: false },
    { name: 'a zone In matches any of the cluster\'s zones', selector: { fieldSelector: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['eu-1b'] }] } }, want: true },
    { name: 'a region NotIn excludes the cluster\'s region', selector: { fieldSelector: { matchExpressions: [{ key: 'region', operator: 'NotIn', values: ['eu'] }] } }, want: false },
    { name: 'a provider In selects', selector: { fieldSelector: { matchExpressions: [{ key: 'provider', operator: 'In', values: ['aws', 'gcp'] }] } }, want: true },
  ])('$name', ({ selector, want }) => {
    expect(matchesClusterSelector(selector, cluster)).toBe(want);
  });
});
