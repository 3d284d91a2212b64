import type { DependencyContainer, InjectionToken } from 'tsyringe';
import type { MultiToken, Token } from '../contracts/token';

/**
 * The part registered last under `token` (or an `@injectable()` class built from its
 * constructor metadata), typed by the token.
 * @throws tsyringe's error naming the token when nothing is registered under it.
 * @public
 */
export function resolve<T>(
  container: DependencyContainer,
  token: Token<T> | (new (...args: never[]) => T),
): T {
  return container.resolve<T>(token as InjectionToken<T>);
}

/**
 * Every part registered under the list `token` (in this container or, when it has none of its
 * own, the nearest parent that has), in registration order; `[]` when there are none.
 * @public
 */
export function resolveAll<T>(container: DependencyContainer, token: MultiToken<T>): T[] {
  return container.isRegistered(token, true) ? container.resolveAll<T>(token) : [];
}
