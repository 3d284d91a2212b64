import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  describePluginConformance,
  makeBinding,
  makeCluster,
  scheduleOnce,
} from '@lifeboat/core/testing';
import { costAwareRegistration, frozenRegistration } from './index';

// The kit's conformance suite under node:test: every point's contract, args at their field
// paths, scores in range, and the same results with and without sharing on seeded fleets.
const testApi = { describe, it, beforeEach, afterEach };
describePluginConformance(frozenRegistration, {
  fleet: { labels: { frozen: ['true', 'false'] } },
  testApi,
});
describePluginConformance(costAwareRegistration, {
  validArgs: [undefined, { label: 'price', maxCost: 4 }],
  invalidArgs: [
    { args: { maxCost: -1 }, path: 'maxCost' },
    { args: { label: '' }, path: 'label' },
  ],
  fleet: { labels: { cost: ['0', '2', '5', '12', 'free'], price: ['1', '3'] } },
  testApi,
});

describe('Frozen and CostAware in one cycle', () => {
  const registrations = [frozenRegistration, costAwareRegistration];
  const profile = {
    schedulerName: 'cost-aware',
    plugins: {
      filter: { enabled: [{ name: 'Frozen' }] },
      score: { enabled: [{ name: 'CostAware', weight: 2 }] },
    },
  };
  const clusters = [
    makeCluster('m1').labels({ cost: '1', frozen: 'true' }).build(),
    makeCluster('m2').labels({ cost: '5' }).build(),
    makeCluster('m3').labels({ cost: '3' }).build(),
  ];

  it('places on the cheapest cluster that is not frozen', async () => {
    const { placement, explanation } = await scheduleOnce({
      registrations,
      profile,
      clusters,
      binding: makeBinding('web', { replicas: 2 }),
    });
    assert.deepEqual(placement, { m3: 2 });
    assert.equal(explanation, 'placed by TopRanked: m3=2; ranking m3 140, m2 100');
  });

  it('explains a fleet that is all frozen', async () => {
    const { placement, explanation } = await scheduleOnce({
      registrations,
      profile,
      clusters: clusters.map((c) => ({
        ...c,
        metadata: { ...c.metadata, labels: { ...c.metadata.labels, frozen: 'true' } },
      })),
      binding: makeBinding('web'),
    });
    assert.deepEqual(placement, {});
    assert.equal(explanation, '0/3 clusters are available: 3 cluster(s) is frozen.');
  });
});
