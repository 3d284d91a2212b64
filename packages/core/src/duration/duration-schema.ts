import { z } from 'zod';
import { parseWith } from '../validation/parse';
import { DurationSyntaxError } from '../errors/duration-syntax-error';
import { excerpt } from '../validation/excerpt';
import { MAX_TIMER_DELAY_MS, formatDuration, parseDuration } from './parse-duration';

/**
 * Inclusive bounds of a duration setting, each in milliseconds or as a duration string
 * (`{ min: '1s', max: '24h' }`). `min` defaults to 0 (no negative durations), `max` to
 * {@link MAX_TIMER_DELAY_MS}; a `max` above that is refused, since no timer could wait so long.
 * @public
 */
export interface DurationBounds {
  readonly min?: number | string;
  readonly max?: number | string;
}

const HINT = 'use a Go duration such as 300ms, 1m30s or 1.5h, or a number of seconds';

function boundMs(bound: number | string): number {
  return typeof bound === 'number' ? bound : parseDuration(bound);
}

/** The bounds in milliseconds, checked once when a schema is built. */
function resolveBounds(bounds: DurationBounds): { min: number; max: number } {
  const min = boundMs(bounds.min ?? 0);
  const max = boundMs(bounds.max ?? MAX_TIMER_DELAY_MS);
  if (!(min <= max) || max > MAX_TIMER_DELAY_MS)
    throw new RangeError(
      `duration bounds [${formatDuration(min)}, ${formatDuration(max)}] must be ordered and at most ${formatDuration(MAX_TIMER_DELAY_MS)}`,
    );
  return { min, max };
}

/** Milliseconds of a (finite, as zod's numbers are) number of seconds, or why it is not a duration. */
function secondsToMs(seconds: number): number | string {
  const ms = seconds * 1000;
  const whole = Math.round(ms);
  // Tolerate binary rounding (1.1 s is 1100.0000000000002 ms), not real sub-millisecond values.
  if (Math.abs(ms - whole) > 1e-6) return 'finer than a millisecond, the resolution Lifeboat keeps';
  return whole;
}

/** Milliseconds of a duration field's value, or why it is not a duration. */
function toMilliseconds(value: string | number): number | string {
  if (typeof value === 'number') return secondsToMs(value);
  try {
    return parseDuration(value.trim());
  } catch (error) {
    if (error instanceof DurationSyntaxError) return error.reason;
    throw error;
  }
}

function outOfBounds(value: string | number, ms: number, min: number, max: number) {
  const shown = typeof value === 'number' ? `${value}s` : excerpt(value);
  if (ms < 0 && min === 0) return `duration ${shown} must not be negative`;
  if (ms < min) return `duration ${shown} is below the minimum ${formatDuration(min)}`;
  if (ms > max)
    return `duration ${shown} is above the maximum ${formatDuration(max)}${max === MAX_TIMER_DELAY_MS ? " (Node's timer limit)" : ''}`;
  return undefined;
}

/**
 * A zod schema for a duration setting: a string in Go's `time.ParseDuration` syntax (`300ms`,
 * `1m30s`, `1.5h`; see {@link parseDuration}) or a number of seconds (`30`, `0.5`), parsed to
 * whole milliseconds and checked against `bounds`. Problems are zod issues at the field's path,
 * quoting a short excerpt of the value: `invalid duration "1x": unknown unit "x" ...`,
 * `duration "999999h" is above the maximum 596h31m23.647s (Node's timer limit)`. Chain
 * `.prefault('30s')` for a default written as the user would write it.
 * @throws RangeError when `bounds` are unordered or exceed {@link MAX_TIMER_DELAY_MS}.
 * @public
 */
export function durationSchema(bounds: DurationBounds = {}) {
  const { min, max } = resolveBounds(bounds);
  // The metadata sits on the input side, so a JSON Schema generated from it shows the syntax.
  const input = z.union([z.string(), z.number()], { error: `expected a duration: ${HINT}` }).meta({
    description: `A duration: a Go duration string (300ms, 1m30s, 1.5h) or a number of seconds; ${formatDuration(min)} to ${formatDuration(max)}.`,
    examples: ['30s', '5m', '1h30m'],
  });
  return input.transform((value, ctx) => {
    const ms = toMilliseconds(value);
    if (typeof ms === 'number') {
      const problem = outOfBounds(value, ms, min, max);
      if (problem === undefined) return ms;
      ctx.addIssue({ code: 'custom', message: problem });
    } else {
      const shown = typeof value === 'number' ? String(value) : excerpt(value);
      ctx.addIssue({ code: 'custom', message: `invalid duration ${shown}: ${ms} (${HINT})` });
    }
    return z.NEVER;
  });
}

/**
 * Parses one duration given outside a document (a command-line flag, a single setting) with the
 * rules of {@link durationSchema}; `text` that is a plain decimal number means seconds.
 * @throws ValidationError at `path` (e.g. `--heartbeat-interval`) when it is not a duration in
 * `bounds`.
 * @public
 */
export function parseDurationAt(
  value: string | number,
  path: string,
  bounds: DurationBounds = {},
): number {
  const input = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  return parseWith(durationSchema(bounds), input, path);
}
