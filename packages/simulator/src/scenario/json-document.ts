/**
 * Parses a scenario file that is plain JSON with `JSON.parse`, which reads a large generated
 * scenario (10,000 workloads, 5 MB) in tens of milliseconds where the YAML parser takes seconds.
 * Returns undefined for anything else: YAML, JSON with a syntax error, and JSON with a key twice
 * in one object (which `JSON.parse` would take silently), so that those take the YAML parser and
 * get its messages, located by line and column.
 */
export function parseJsonDocument(text: string): { value: unknown } | undefined {
  if (text.trimStart()[0] !== '{') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return hasDuplicateKey(text) ? undefined : { value };
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Whether some object of `text`, which must be valid JSON, names a key twice. */
function hasDuplicateKey(text: string): boolean {
  // One entry per open collection: the keys seen so far in an object, null in an array.
  const open: (Set<string> | null)[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b) open.push(new Set());
    else if (c === 0x5b) open.push(null);
    else if (c === 0x7d || c === 0x5d) open.pop();
    else if (c === QUOTE) {
      let end = i + 1;
      let escaped = false;
      while (text.charCodeAt(end) !== QUOTE) {
        if (text.charCodeAt(end) === BACKSLASH) {
          escaped = true;
          end++;
        }
        end++;
      }
      const keys = open[open.length - 1];
      let next = end + 1;
      while (isSpace(text.charCodeAt(next))) next++;
      if (keys && text.charCodeAt(next) === COLON) {
        const key = escaped
          ? (JSON.parse(text.slice(i, end + 1)) as string)
          : text.slice(i + 1, end);
        if (keys.has(key)) return true;
        keys.add(key);
      }
      i = end;
    }
  }
  return false;
}
