import { z } from 'zod';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION_PATTERN = /^(?:(\d+(?:\.\d+)?)(ms|s|m|h))+$/;
const PART_PATTERN = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;

/**
 * Go-style durations as Clusternet's flags take them (`20s`, `3m`, `1m30s`, `500ms`), or a plain
 * number of seconds; parsed to milliseconds.
 * @public
 */
export const durationSchema = z
  .union([z.number().nonnegative(), z.string()])
  .transform((input, ctx) => {
    if (typeof input === 'number') return Math.round(input * 1000);
    const text = input.trim();
    if (!DURATION_PATTERN.test(text)) {
      ctx.addIssue({
        code: 'custom',
        message: `invalid duration "${input}": expected e.g. 20s, 3m, 1m30s or 500ms`,
      });
      return z.NEVER;
    }
    let ms = 0;
    for (const [, amount, unit] of text.matchAll(PART_PATTERN)) {
      ms += Number(amount) * (UNIT_MS[unit as string] as number);
    }
    return Math.round(ms);
  });
