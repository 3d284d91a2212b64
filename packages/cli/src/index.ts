/** @lifeboat/cli: the `lifeboat` command, also usable as a library. */
export { createProgram, runCli, type CliOptions } from './run-cli';
export { ExitCode } from './exit-codes';
export { karmadaSimulationFlavor } from './flavors/karmada';
export { clusternetSimulationFlavor } from './flavors/clusternet';
export { SIMULATION_FLAVORS } from './flavors/simulation-flavors';
