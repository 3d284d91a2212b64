import { clockTime, span } from './time-format';

describe('time formats', () => {
  it.each([
    [0, '0:00'],
    [457.8, '7:37'],
    [3725, '1:02:05'],
  ])('clock time of %p s is %p', (seconds, text) => expect(clockTime(seconds)).toBe(text));

  it.each([
    [30, '30s'],
    [97.94, '1m38s'],
    [119.6, '2m'],
    [3900, '1h5m'],
  ])('span of %p s is %p', (seconds, text) => expect(span(seconds)).toBe(text));
});
