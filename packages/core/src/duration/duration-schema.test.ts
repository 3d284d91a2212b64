import { z } from 'zod';
import { ValidationError } from '../errors/validation-error';
import { parseWith } from '../validation/parse';
import { durationSchema, parseDurationAt } from './duration-schema';
import { MAX_TIMER_DELAY_MS } from './parse-duration';

function issues(schema: z.ZodType, input: unknown, base = 'spec.duration'): string[] {
  try {
    parseWith(schema, input, base);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

describe('durationSchema', () => {
  it.each([
    ['1m30s', 90_000],
    [' 30s ', 30_000],
    [30, 30_000],
    [0.5, 500],
    [1.1, 1_100],
    [0, 0],
    ['0', 0],
    ['596h31m23.647s', MAX_TIMER_DELAY_MS],
  ])('parses %j to %d ms', (input, ms) => {
    expect(durationSchema().parse(input)).toBe(ms);
  });

  it.each([
    [
      '1x',
      'spec.duration: invalid duration "1x": unknown unit "x" (ns, us, ms, s, m or h) (use a Go duration such as 300ms, 1m30s or 1.5h, or a number of seconds)',
    ],
    [
      0.0001,
      'spec.duration: invalid duration 0.0001: finer than a millisecond, the resolution Lifeboat keeps (use a Go duration such as 300ms, 1m30s or 1.5h, or a number of seconds)',
    ],
    [
      Infinity,
      'spec.duration: expected a duration: use a Go duration such as 300ms, 1m30s or 1.5h, or a number of seconds',
    ],
    [
      true,
      'spec.duration: expected a duration: use a Go duration such as 300ms, 1m30s or 1.5h, or a number of seconds',
    ],
    ['-5m', 'spec.duration: duration "-5m" must not be negative'],
    [-1, 'spec.duration: duration -1s must not be negative'],
    [
      '999999h',
      `spec.duration: duration "999999h" is above the maximum 596h31m23.647s (Node's timer limit)`,
    ],
    [
      1e12,
      `spec.duration: duration 1000000000000s is above the maximum 596h31m23.647s (Node's timer limit)`,
    ],
  ])('refuses %j at the field path: %s', (input, message) => {
    expect(issues(durationSchema(), input)).toEqual([message]);
  });

  it('applies bounds given in milliseconds or as durations, inclusive', () => {
    const period = durationSchema({ min: '1s', max: 3_600_000 });
    expect(period.parse('1s')).toBe(1_000);
    expect(period.parse('1h')).toBe(3_600_000);
    expect(issues(period, '999ms', 'settings.period')).toEqual([
      'settings.period: duration "999ms" is below the minimum 1s',
    ]);
    expect(issues(period, '1h0m1s', 'settings.period')).toEqual([
      'settings.period: duration "1h0m1s" is above the maximum 1h0m0s',
    ]);
    expect(issues(durationSchema({ min: '1ms' }), 0, 'p')).toEqual([
      'p: duration 0s is below the minimum 1ms',
    ]);
  });

  it('allows negative durations only when min says so', () => {
    expect(durationSchema({ min: '-1h' }).parse('-30m')).toBe(-1_800_000);
  });

  it('refuses bounds that are unordered or beyond the timer limit when the schema is built', () => {
    expect(() => durationSchema({ min: '2s', max: '1s' })).toThrow(RangeError);
    expect(() => durationSchema({ max: '1000h' })).toThrow(
      'duration bounds [0s, 1000h0m0s] must be ordered and at most 596h31m23.647s',
    );
  });

  it('reports each bad field of an object at its own path, with defaults written as users write them', () => {
    const schema = z.strictObject({
      interval: durationSchema({ min: '1ms' }).prefault('10s'),
      timeout: durationSchema(),
    });
    expect(schema.parse({ timeout: 2 })).toEqual({ interval: 10_000, timeout: 2_000 });
    expect(issues(schema, { interval: 0, timeout: 'soon' }, 'settings')).toEqual([
      'settings.interval: duration 0s is below the minimum 1ms',
      'settings.timeout: invalid duration "soon": expected a number at "soon" (use a Go duration such as 300ms, 1m30s or 1.5h, or a number of seconds)',
    ]);
  });

  it('quotes a short excerpt of an oversized value, never the whole of it', () => {
    const [message = ''] = issues(durationSchema(), `${'1'.repeat(1_000_000)}h`);
    expect(message.length).toBeLessThan(120);
    expect(message).toContain('"11111111111111111111111111111111…" is above the maximum');
  });
});

describe('parseDurationAt', () => {
  it('reads a flag as a duration, or a plain number as seconds', () => {
    expect(parseDurationAt('1m30s', '--lease-duration')).toBe(90_000);
    expect(parseDurationAt('0.5', '--lease-duration')).toBe(500);
    expect(parseDurationAt(2, '--lease-duration')).toBe(2_000);
  });

  it('throws a ValidationError naming the flag', () => {
    expect(() => parseDurationAt('999999h', '--heartbeat-interval', { min: '1ms' })).toThrow(
      new ValidationError([
        {
          path: '--heartbeat-interval',
          message: `duration "999999h" is above the maximum 596h31m23.647s (Node's timer limit)`,
        },
      ]),
    );
  });
});
