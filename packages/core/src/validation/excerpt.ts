const EXCERPT_LENGTH = 32;

/**
 * `value` as an error message shows it: a string quoted, anything else as `String` writes it,
 * cut to a short excerpt so a huge input is never echoed whole.
 * @public
 */
export function excerpt(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  const cut = text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH)}…` : text;
  return typeof value === 'string' ? JSON.stringify(cut) : cut;
}
