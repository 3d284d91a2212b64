/**
 * A DI token for one part: a symbol that carries the part's type, so that the typed
 * `register` and `resolve` refuse a value or a variable of another type at compile time. The
 * phantom is invariant: a `Token<Tainter>` is neither a `Token<object>` nor a `Token<never>`.
 * A plain `Symbol()` is not a token. Its description is what tsyringe prints in wiring errors.
 * @public
 */
export type Token<T> = symbol & {
  /** Type only: never set at run time. */
  readonly __contract: (part: T) => T;
  readonly __many: false;
};

/**
 * A DI token for a list of parts (plugins, strategies, estimators, observers): every
 * registration adds one entry, `resolveAll` returns them in registration order. `resolve` does
 * not accept it, since it would return only the last entry.
 * @public
 */
export type MultiToken<T> = symbol & {
  /** Type only: never set at run time. */
  readonly __contract: (part: T) => T;
  readonly __many: true;
};

function symbolFor(name: string): symbol {
  return Symbol.for(name.includes(':') ? name : `@lifeboat/core:${name}`);
}

/** Makes the token `@lifeboat/core:<name>`; the same name always gives the same symbol. @public */
export function token<T>(name: string): Token<T> {
  return symbolFor(name) as Token<T>;
}

/** Makes a list token, named like {@link token}. @public */
export function multiToken<T>(name: string): MultiToken<T> {
  return symbolFor(name) as MultiToken<T>;
}
