import { describePluginConformance } from '@lifeboat/core/testing';
import { AggregatedStrategy } from '../strategies/aggregated-strategy';
import { DuplicatedStrategy } from '../strategies/duplicated-strategy';
import { DynamicWeightStrategy } from '../strategies/dynamic-weight-strategy';
import { KARMADA_PLUGIN_REGISTRATIONS, KARMADA_SCHEDULER_PROFILE } from './karmada-plugins';

// Core's plugin kit against every plugin of the flavour: alone at its points, then in the
// flavour's default profile with the others and the flavour's strategies (where ClusterAffinity's
// post-filter, the ClusterEviction filter and spread constraints meet the equivalence cache).
for (const registration of KARMADA_PLUGIN_REGISTRATIONS) describePluginConformance(registration);

describe('in the default profile, with the Karmada strategies', () => {
  const [first, ...others] = KARMADA_PLUGIN_REGISTRATIONS;
  if (first)
    describePluginConformance(first, {
      registrations: others,
      profile: KARMADA_SCHEDULER_PROFILE,
      strategies: [new DuplicatedStrategy(), new AggregatedStrategy(), new DynamicWeightStrategy()],
      seed: 2,
    });
});
