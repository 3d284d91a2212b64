/** @lifeboat/cli: the `lifeboat` command, also usable as a library. */
export { createProgram, runCli, type CliOptions } from './run-cli';
export { ExitCode } from './exit-codes';
export { karmadaSimulationFlavor } from '@lifeboat/karmada/simulation';
export { clusternetSimulationFlavor } from '@lifeboat/clusternet/simulation';
export { SIMULATION_FLAVORS } from './flavors/simulation-flavors';
