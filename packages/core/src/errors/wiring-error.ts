/**
 * The parts were composed wrongly: two plugins share a name, two plugins declare the same end of
 * one extension point. The message says what to change. (A profile that names an unknown point or
 * plugin is a `ValidationError` at its field path.)
 * @public
 */
export class WiringError extends Error {
  override readonly name = 'WiringError';
}
