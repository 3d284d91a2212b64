/**
 * `@lifeboat/karmada/simulation`: the Karmada flavour for `@lifeboat/simulator` (scenario
 * workloads, settings, the fleet-answered `/readyz` probe and Pull-mode agents). Needs
 * `@lifeboat/simulator` installed beside this package; the main entry does not.
 * @packageDocumentation
 */
export { karmadaSimulationFlavor } from './karmada-simulation-flavor';
