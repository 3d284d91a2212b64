import { isIP } from 'node:net';
import {
  Quantity,
  ValidationError,
  excerpt,
  parseDurationAt,
  parseResourceList,
  type DurationBounds,
  type ResourceList,
} from '@lifeboat/core';

/**
 * Parsers for the process commands' flags. Each throws core's `ValidationError` naming the flag,
 * so a bad flag ends the command with exit code 2 and one line, never a stack trace.
 */

/** `cpu=8,memory=32Gi,pods=110` as Kubernetes quantities, none negative. */
export function parseCapacityFlag(text: string, flag = '--capacity'): ResourceList {
  const list = parseResourceList(parsePairs(text, flag), flag);
  for (const [name, quantity] of Object.entries(list))
    if (quantity.cmp(Quantity.zero) < 0)
      throw ValidationError.at(`${flag}.${name}`, `must not be negative, got ${quantity}`);
  return list;
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
    throw ValidationError.at(
      flag,
      `${excerpt(text)} is not a port number (0-65535; 0 picks a free one)`,
    );
  return port;
}

/** The shortest period a flag accepts unless it says otherwise: nothing here should spin. */
export const MIN_PERIOD_MS = 100;

/**
 * A duration flag (`10s`, `1m30s`, `300ms`, or a plain number of seconds) in ms, within
 * `bounds` (default {@link MIN_PERIOD_MS} to Node's timer limit), so a period can neither spin
 * nor overflow Node's timers. Core's duration rules; refusals name the flag.
 */
export function parseDurationFlag(text: string, flag: string, bounds: DurationBounds = {}): number {
  return parseDurationAt(text, flag, { min: MIN_PERIOD_MS, ...bounds });
}

/**
 * An etcd endpoint list (`http://127.0.0.1:2379`, comma-separated). Credentials in a URL are
 * refused without repeating them: they would show in process listings and logs.
 */
export function parseEtcdFlag(text: string, flag = '--etcd'): string {
  for (const endpoint of parseListFlag(text)) {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw ValidationError.at(
        flag,
        `${endpoint.includes('@') ? 'an endpoint' : excerpt(endpoint)} is not a URL (e.g. http://127.0.0.1:2379)`,
      );
    }
    if (url.username !== '' || url.password !== '')
      throw ValidationError.at(
        flag,
        `${url.protocol}//***@${url.host} has a user name or password in it; use --etcd-user and --etcd-password-file (or LIFEBOAT_ETCD_PASSWORD) instead`,
      );
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw ValidationError.at(flag, `${excerpt(endpoint)} must be an http:// or https:// URL`);
  }
  if (parseListFlag(text).length === 0) throw ValidationError.at(flag, 'no endpoint given');
  return text;
}

/** A DNS label, as cluster names are. */
export function parseNameFlag(text: string, flag: string): string {
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(text) || text.length > 63) {
    throw ValidationError.at(
      flag,
      `${excerpt(text)} must be a DNS label: lower-case letters, digits and "-", starting and ending with a letter or digit`,
    );
  }
  return text;
}

function parsePairs(text: string, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of parseListFlag(text)) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1)
      throw ValidationError.at(flag, `${excerpt(pair)} is not name=value`);
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return out;
}

/** A listening address: an IP literal (`127.0.0.1`, `0.0.0.0`, `::1`) or a host name. */
export function parseListenFlag(text: string, flag = '--listen'): string {
  if (isIP(text) === 0 && !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/i.test(text))
    throw ValidationError.at(flag, `${excerpt(text)} is not an IP address or host name`);
  return text;
}

/** The URL other processes reach this one at (`http://member1.example:9201`). */
export function parseAdvertiseFlag(text: string, flag = '--advertise'): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw ValidationError.at(flag, `${excerpt(text)} is not a URL (e.g. http://10.0.0.5:9201)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw ValidationError.at(flag, `${excerpt(text)} must be an http:// or https:// URL`);
  if (url.username !== '' || url.password !== '')
    throw ValidationError.at(flag, 'must not hold a user name or password');
  return text.replace(/\/$/, '');
}
