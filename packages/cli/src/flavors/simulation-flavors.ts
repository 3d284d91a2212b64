import type { SimulationFlavor } from '@lifeboat/simulator';
import { clusternetSimulationFlavor } from '@lifeboat/clusternet/simulation';
import { karmadaSimulationFlavor } from '@lifeboat/karmada/simulation';

/** Every flavour `lifeboat simulate` can run, by `spec.flavor`. @public */
export const SIMULATION_FLAVORS: readonly SimulationFlavor[] = [
  karmadaSimulationFlavor,
  clusternetSimulationFlavor,
];
