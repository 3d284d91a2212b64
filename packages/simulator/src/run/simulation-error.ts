/**
 * The simulation failed while running, not because of the scenario: a bug or a broken part
 * (the CLI exits 1). Bad scenarios are core's `ValidationError` instead (exit 2).
 * @public
 */
export class SimulationError extends Error {
  override readonly name = 'SimulationError';
}
