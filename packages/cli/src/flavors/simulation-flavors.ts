import type { SimulationFlavor } from '@lifeboat/simulator';
import { clusternetSimulationFlavor } from './clusternet';
import { karmadaSimulationFlavor } from './karmada';

/** Every flavour `lifeboat simulate` can run, by `spec.flavor`. */
export const SIMULATION_FLAVORS: readonly SimulationFlavor[] = [
  karmadaSimulationFlavor,
  clusternetSimulationFlavor,
];
