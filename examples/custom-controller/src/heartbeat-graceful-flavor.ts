import { registerClusternetHealth, registerClusternetOptions } from '@lifeboat/clusternet';
import { clusternetSimulationFlavor } from '@lifeboat/clusternet/simulation';
import { karmadaSimulationFlavor } from '@lifeboat/karmada/simulation';
import type { SimulationFlavor } from '@lifeboat/simulator';

/**
 * A controller of parts from both flavours: Karmada's registration (taints, graceful eviction,
 * scheduling), with Clusternet's heartbeat detector in place of Karmada's probe, and Clusternet's
 * agents on the virtual members (they send the heartbeats). Scenario files name it as
 * `spec.flavor: heartbeat-graceful` and are written in Karmada's workload fields.
 */
export const heartbeatGraceful: SimulationFlavor = {
  ...karmadaSimulationFlavor,
  name: 'heartbeat-graceful',
  configure(input) {
    const karmada = karmadaSimulationFlavor.configure(input);
    // Agents heartbeat every 20 s (Clusternet's default is 3m, too slow for a short run).
    const clusternet = clusternetSimulationFlavor.configure({
      settings: { clusterStatusUpdateFrequency: '20s', clusterStatusCollectFrequency: '20s' },
      featureGates: {},
    });
    return {
      register(container) {
        karmada.register(container);
        registerClusternetOptions(container, { settings: { clusterMonitorGracePeriod: '40s' } });
        registerClusternetHealth(container);
      },
      connectFleet(container, fleet) {
        karmada.connectFleet(container, fleet);
      },
      createAgent: (member, context) => clusternet.createAgent(member, context),
    };
  },
};
