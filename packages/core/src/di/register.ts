import type { ClassProvider, DependencyContainer, Lifecycle } from 'tsyringe';
import type { MultiToken, Token } from '../contracts/token';

/**
 * How a token gets its part: a value, a factory (called with the resolving container on every
 * resolve unless wrapped in tsyringe's `instancePerContainerCachingFactory`), or an
 * `@injectable()` class with an optional lifecycle (`ContainerScoped` for anything stateful).
 * @public
 */
export type Provider<T> =
  | { readonly useValue: T }
  | { readonly useFactory: (container: DependencyContainer) => T }
  | { readonly useClass: new (...args: never[]) => T; readonly lifecycle?: Lifecycle };

/**
 * Registers `provider` under `token` in `container`, checked against the token's type. For a
 * single token the last registration wins (register again after a flavour to replace its part);
 * for a {@link MultiToken} it adds one entry to the list.
 * @public
 */
export function register<T>(
  container: DependencyContainer,
  token: Token<T> | MultiToken<T>,
  provider: Provider<NoInfer<T>>,
): DependencyContainer {
  if ('useValue' in provider) return container.register(token, { useValue: provider.useValue });
  if ('useFactory' in provider)
    return container.register(token, { useFactory: provider.useFactory });
  const useClass = provider.useClass as ClassProvider<T>['useClass'];
  return provider.lifecycle === undefined
    ? container.register(token, { useClass })
    : container.register(token, { useClass }, { lifecycle: provider.lifecycle });
}

/** Adds every provider to the list under `token`, in order. @public */
export function registerAll<T>(
  container: DependencyContainer,
  token: MultiToken<T>,
  providers: readonly Provider<NoInfer<T>>[],
): DependencyContainer {
  for (const provider of providers) register(container, token, provider);
  return container;
}
