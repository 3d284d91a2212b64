/**
 * A DI token for a contract: a symbol that carries the contract's type, so that registrations
 * and resolutions can be checked. Its description is what tsyringe prints in wiring errors.
 * @public
 */
export type Token<T> = symbol & { readonly __contract?: T };

/** Makes the token `@lifeboat/core:<name>`; the same name always gives the same symbol. @public */
export function token<T>(name: string): Token<T> {
  return Symbol.for(name.includes(':') ? name : `@lifeboat/core:${name}`) as Token<T>;
}
