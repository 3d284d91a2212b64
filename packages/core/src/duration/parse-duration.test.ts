import { DurationSyntaxError } from '../errors/duration-syntax-error';
import { MAX_TIMER_DELAY_MS, formatDuration, parseDuration } from './parse-duration';

describe('parseDuration', () => {
  it.each([
    ['0', 0],
    ['-0', 0],
    ['300ms', 300],
    ['1m30s', 90_000],
    ['1h', 3_600_000],
    ['1.5h', 5_400_000],
    ['2h45m', 9_900_000],
    ['.5s', 500],
    ['5.s', 5_000],
    ['+10s', 10_000],
    ['-1m', -60_000],
    ['1s500ms', 1_500],
    ['1000000ns', 1],
    ['2000us', 2],
    ['2000µs', 2],
    ['2000μs', 2],
    ['1h1h', 7_200_000],
    ['596h31m23.647s', MAX_TIMER_DELAY_MS],
  ])('reads %s as %d ms, as time.ParseDuration does', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ['', 'expected a number and a unit'],
    ['-', 'expected a number and a unit'],
    ['30', 'missing unit (ns, us, ms, s, m or h) after a number'],
    ['1m30', 'missing unit (ns, us, ms, s, m or h) after a number'],
    ['10x', 'unknown unit "x" (ns, us, ms, s, m or h)'],
    ['10 s', 'unknown unit " s" (ns, us, ms, s, m or h)'],
    ['1d', 'unknown unit "d" (ns, us, ms, s, m or h)'],
    ['.s', 'expected a number at ".s"'],
    ['s', 'expected a number at "s"'],
    ['1.2.3s', 'missing unit (ns, us, ms, s, m or h) after a number'],
    ['1500us', 'finer than a millisecond, the resolution Lifeboat keeps'],
    ['1.5ms', 'finer than a millisecond, the resolution Lifeboat keeps'],
    ['1ns', 'finer than a millisecond, the resolution Lifeboat keeps'],
  ])('refuses %j: %s', (text, reason) => {
    expect(() => parseDuration(text)).toThrow(new DurationSyntaxError(text, reason));
  });

  it('quotes only a short excerpt of a huge input', () => {
    const huge = `${'9'.repeat(100_000)}x`;
    expect(() => parseDuration(huge)).toThrow(/^invalid duration "9{32}…": unknown unit "x"/);
    try {
      parseDuration(huge);
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(100);
    }
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [300, '300ms'],
    [1_500, '1.5s'],
    [90_000, '1m30s'],
    [5_400_000, '1h30m0s'],
    [3_600_500, '1h0m0.5s'],
    [-60_000, '-1m0s'],
    [MAX_TIMER_DELAY_MS, '596h31m23.647s'],
  ])('writes %d ms as Go does: %s, which parses back', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
    expect(parseDuration(text)).toBe(ms);
  });
});
