/**
 * `@lifeboat/clusternet/simulation`: the Clusternet flavour for `@lifeboat/simulator` (scenario
 * subscriptions, settings, fleet-answered predictors and clusternet-agents). Needs
 * `@lifeboat/simulator` installed beside this package; the main entry does not.
 * @packageDocumentation
 */
export { clusternetSimulationFlavor } from './clusternet-simulation-flavor';
