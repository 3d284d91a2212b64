import { clusterEvictionRegistration, type PluginRegistration } from '@lifeboat/core';
import { describePluginConformance } from '@lifeboat/core/testing';
import { CLUSTERNET_SCHEDULER_PROFILE } from '../default-profile';
import { defaultBinderRegistration } from './default-binder/default-binder';
import { dynamicAssignerRegistration } from './dynamic-assigner/dynamic-assigner';
import { predictorRegistration } from './predictor/predictor';
import { staticAssignerRegistration } from './static-assigner/static-assigner';
import { subscriberAffinityRegistration } from './subscriber-affinity/subscriber-affinity';
import { subscriptionFeedsRegistration } from './subscription-feeds/subscription-feeds';
import { taintTolerationRegistration } from './taint-toleration/taint-toleration';

// Core's plugin kit against every plugin of the flavour. The kit runs core's points; the
// Clusternet points (predict, assign, bind) are checked by the flavour's own tests, but args,
// construction and profiles are core's contract for them too.
const predictor = predictorRegistration({ predict: async () => undefined });
const registrations: readonly PluginRegistration[] = [
  subscriberAffinityRegistration,
  subscriptionFeedsRegistration,
  taintTolerationRegistration(),
  predictor,
  staticAssignerRegistration,
  dynamicAssignerRegistration,
  defaultBinderRegistration,
];

for (const registration of registrations) describePluginConformance(registration);

describe('with honorTolerationSeconds', () => {
  describePluginConformance(taintTolerationRegistration(), {
    validArgs: [{ honorTolerationSeconds: true }],
    invalidArgs: [{ args: { honorTolerationSeconds: 'yes' }, path: 'honorTolerationSeconds' }],
    now: 3_600_000,
  });
});

describe('in the default profile', () => {
  describePluginConformance(taintTolerationRegistration(), {
    registrations: [
      clusterEvictionRegistration,
      ...registrations.filter((r) => r.name !== 'TaintToleration'),
    ],
    profile: CLUSTERNET_SCHEDULER_PROFILE,
  });
});
