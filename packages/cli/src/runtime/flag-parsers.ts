import {
  ValidationError,
  parseDurationAt,
  parseResourceList,
  type DurationBounds,
  type ResourceList,
} from '@lifeboat/core';

/**
 * Parsers for the process commands' flags. Each throws core's `ValidationError` naming the flag,
 * so a bad flag ends the command with exit code 2 and one line, never a stack trace.
 */

/** `cpu=8,memory=32Gi,pods=110` as Kubernetes quantities. */
export function parseCapacityFlag(text: string, flag = '--capacity'): ResourceList {
  return parseResourceList(parsePairs(text, flag), flag);
}

/** `env=prod,team=a` as labels. */
export function parseLabelsFlag(text: string, flag = '--labels'): Record<string, string> {
  return parsePairs(text, flag);
}

/** `a,b,c` as a list of non-empty names. */
export function parseListFlag(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A TCP port, 0 for any free one. */
export function parsePortFlag(text: string, flag = '--port'): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535)
    throw ValidationError.at(flag, `"${text}" is not a port number (0-65535; 0 picks a free one)`);
  return port;
}

/**
 * A Go duration (`300ms`, `10s`, `1m30s`, `1.5h`) or a plain number of seconds (`0.5`) within
 * `bounds` (by default 0 up to Node's timer limit); returns ms.
 */
export function parseDurationFlag(text: string, flag: string, bounds?: DurationBounds): number {
  return parseDurationAt(text, flag, bounds);
}

/** An etcd endpoint list (`http://127.0.0.1:2379`, comma-separated). */
export function parseEtcdFlag(text: string): string {
  for (const endpoint of parseListFlag(text)) {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw ValidationError.at('--etcd', `"${endpoint}" is not a URL (e.g. http://127.0.0.1:2379)`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw ValidationError.at('--etcd', `"${endpoint}" must be an http:// or https:// URL`);
  }
  if (parseListFlag(text).length === 0) throw ValidationError.at('--etcd', 'no endpoint given');
  return text;
}

/** A DNS label, as cluster names are. */
export function parseNameFlag(text: string, flag: string): string {
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(text) || text.length > 63) {
    throw ValidationError.at(
      flag,
      `"${text}" must be a DNS label: lower-case letters, digits and "-", starting and ending with a letter or digit`,
    );
  }
  return text;
}

function parsePairs(text: string, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of parseListFlag(text)) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1)
      throw ValidationError.at(flag, `"${pair}" is not name=value`);
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return out;
}
