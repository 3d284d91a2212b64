import { z } from 'zod';

const DURATION_PATTERN = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/**
 * Seconds in a scenario duration: `30s`, `30m`, `2h`, or combined as Go writes them (`1h30m`).
 * Returns undefined for anything else.
 * @public
 */
export function parseDuration(text: string): number | undefined {
  const match = DURATION_PATTERN.exec(text);
  if (!match || text === '') return undefined;
  const [, h = '0', m = '0', s = '0'] = match;
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
}

/**
 * A duration field: a string such as `30s`, `30m`, `2h` or `1h30m`, or a number of seconds.
 * Parses to seconds.
 * @public
 */
export const durationSchema = z
  .union([z.string(), z.number().nonnegative()])
  .meta({
    description: 'A duration: 30s, 30m, 2h or 1h30m, or a number of seconds.',
    examples: ['30s', '5m', '2h'],
  })
  .transform((value, ctx) => {
    if (typeof value === 'number') return value;
    const seconds = parseDuration(value);
    if (seconds === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `invalid duration "${value}": expected a number with an s, m or h suffix such as 30s, 30m, 2h or 1h30m`,
      });
      return z.NEVER;
    }
    return seconds;
  });
