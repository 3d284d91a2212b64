/**
 * The parts were composed wrongly: a profile names a plugin nobody registered, two plugins share
 * a name, a plugin is enabled at a point it does not implement. The message says what to change.
 * @public
 */
export class WiringError extends Error {
  override readonly name = 'WiringError';
}
