import { z } from 'zod';

const DURATION_PATTERN = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;

const UNIT_SECONDS: Readonly<Record<string, number>> = { ms: 0.001, s: 1, m: 60, h: 3600 };

/**
 * A duration setting: a number of seconds, or a string with a unit (`500ms`, `30s`, `10m`,
 * `1h`), as Karmada's flags take them. Parses to seconds; negative or malformed values are
 * errors at the setting's path.
 * @public
 */
export const durationSeconds = z.union([z.number(), z.string()]).transform((value, ctx) => {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return value;
    ctx.addIssue({
      code: 'custom',
      message: `invalid duration ${value}: must be a non-negative number of seconds`,
    });
    return z.NEVER;
  }
  const match = DURATION_PATTERN.exec(value.trim());
  if (!match) {
    ctx.addIssue({
      code: 'custom',
      message: `invalid duration "${value}": use seconds or a number with ms, s, m or h (e.g. 30s, 10m)`,
    });
    return z.NEVER;
  }
  return Number(match[1]) * (UNIT_SECONDS[match[2] as string] as number);
});
