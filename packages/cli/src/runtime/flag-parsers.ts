import { Quantity, ValidationError, parseResourceList, type ResourceList } from '@lifeboat/core';
import { isIP } from 'node:net';
import { parseDuration } from '@lifeboat/simulator';

/**
 * Parsers for the process commands' flags. Each throws core's `ValidationError` naming the flag,
 * so a bad flag ends the command with exit code 2 and one line, never a stack trace.
 */

/** The longest delay Node's timers keep (2^31 - 1 ms, about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Longest part of a refused value that an error message repeats. */
const ECHO_CHARS = 40;

/** `value` quoted for an error message, cut to a short excerpt. */
export function quoted(value: string): string {
  return value.length <= ECHO_CHARS
    ? `"${value}"`
    : `"${value.slice(0, ECHO_CHARS)}…" (${value.length} chars)`;
}

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
      `${quoted(text)} is not a port number (0-65535; 0 picks a free one)`,
    );
  return port;
}

/** The range a duration flag accepts, in ms. */
export interface DurationBounds {
  /** Shortest accepted (default 100 ms: nothing in Lifeboat is meant to run more often). */
  readonly minMs?: number;
  /** Longest accepted (default {@link MAX_TIMER_MS}, the longest timer Node keeps). */
  readonly maxMs?: number;
}

/**
 * `10s`, `2m`, `1h30m`, or a plain number of seconds (fractions allowed: `0.5`); returns ms,
 * refusing what is outside `bounds`, so a period can neither spin nor overflow Node's timers.
 */
export function parseDurationFlag(text: string, flag: string, bounds: DurationBounds = {}): number {
  const ms = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : (parseDuration(text) ?? NaN) * 1000;
  if (Number.isNaN(ms))
    throw ValidationError.at(
      flag,
      `${quoted(text)} is not a duration (e.g. 10s, 2m, 1h30m, or seconds as a number)`,
    );
  return checkDurationMs(ms, flag, bounds);
}

/** `ms` itself when within `bounds`; otherwise a `ValidationError` at `path` saying the range. */
export function checkDurationMs(ms: number, path: string, bounds: DurationBounds = {}): number {
  const { minMs = 100, maxMs = MAX_TIMER_MS } = bounds;
  if (!(ms >= minMs && ms <= maxMs))
    throw ValidationError.at(
      path,
      `must be between ${formatMs(minMs)} and ${formatMs(maxMs)}${Number.isFinite(ms) ? `, got ${formatMs(ms)}` : ''}`,
    );
  return ms;
}

/** A plain number of seconds (`--startup-seconds 10`), finite and within `bounds`; returns seconds. */
export function parseSecondsFlag(text: string, flag: string, bounds: DurationBounds): number {
  const seconds = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (Number.isNaN(seconds))
    throw ValidationError.at(flag, `${quoted(text)} is not a number of seconds (e.g. 10 or 0.5)`);
  return checkDurationMs(seconds * 1000, flag, bounds) / 1000;
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms}ms` : `${Number((ms / 1000).toFixed(3))}s`;
}

/**
 * An etcd endpoint list (`http://127.0.0.1:2379`, comma-separated). Credentials in a URL are
 * refused without repeating them: they would show in process listings and logs.
 */
export function parseEtcdFlag(text: string): string {
  for (const endpoint of parseListFlag(text)) {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw ValidationError.at(
        '--etcd',
        `${endpoint.includes('@') ? 'an endpoint' : quoted(endpoint)} is not a URL (e.g. http://127.0.0.1:2379)`,
      );
    }
    if (url.username !== '' || url.password !== '')
      throw ValidationError.at(
        '--etcd',
        `${url.protocol}//***@${url.host} has a user name or password in it; use --etcd-user and --etcd-password-file (or LIFEBOAT_ETCD_PASSWORD) instead`,
      );
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw ValidationError.at('--etcd', `${quoted(endpoint)} must be an http:// or https:// URL`);
  }
  if (parseListFlag(text).length === 0) throw ValidationError.at('--etcd', 'no endpoint given');
  return text;
}

/** A DNS label, as cluster names are. */
export function parseNameFlag(text: string, flag: string): string {
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(text) || text.length > 63) {
    throw ValidationError.at(
      flag,
      `${quoted(text)} must be a DNS label: lower-case letters, digits and "-", starting and ending with a letter or digit`,
    );
  }
  return text;
}

function parsePairs(text: string, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of parseListFlag(text)) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1)
      throw ValidationError.at(flag, `${quoted(pair)} is not name=value`);
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return out;
}

/** A listening address: an IP literal (`127.0.0.1`, `0.0.0.0`, `::1`) or a host name. */
export function parseListenFlag(text: string, flag = '--listen'): string {
  if (isIP(text) === 0 && !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/i.test(text))
    throw ValidationError.at(flag, `${quoted(text)} is not an IP address or host name`);
  return text;
}

/** The URL other processes reach this one at (`http://member1.example:9201`). */
export function parseAdvertiseFlag(text: string, flag = '--advertise'): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw ValidationError.at(flag, `${quoted(text)} is not a URL (e.g. http://10.0.0.5:9201)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw ValidationError.at(flag, `${quoted(text)} must be an http:// or https:// URL`);
  if (url.username !== '' || url.password !== '')
    throw ValidationError.at(flag, 'must not hold a user name or password');
  return text.replace(/\/$/, '');
}
