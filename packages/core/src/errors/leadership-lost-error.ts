/**
 * A write was refused because this controller no longer leads (its fence was lost). Controllers
 * drop the key instead of retrying: the new leader owns it now.
 * @public
 */
export class LeadershipLostError extends Error {
  override readonly name: string = 'LeadershipLostError';
}
