import { DurationSyntaxError } from '../errors/duration-syntax-error';
import { excerpt } from '../validation/excerpt';

/**
 * The longest delay Node's timers honour (2^31-1 ms, about 24.8 days): `setTimeout` with more
 * fires after 1 ms instead. The default upper bound of {@link durationSchema}.
 * @public
 */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/**
 * The shortest period Lifeboat accepts for anything that repeats (a probe, a heartbeat, a monitor
 * pass, a lease renewal): shorter ones only load the member, the store and the process, and a
 * simulated fleet would tick millions of times per virtual hour.
 * @public
 */
export const MIN_PERIOD_MS = 100;

const NANOS_PER_UNIT: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n, // U+00B5 micro sign, as Go accepts
  μs: 1_000n, // U+03BC Greek mu, as Go accepts
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const NANOS_PER_MS = 1_000_000n;
const PART = /^(\d*)(?:\.(\d*))?([^\d.]*)/;

/**
 * Parses a duration in Go's `time.ParseDuration` syntax to milliseconds: a possibly signed
 * sequence of decimal numbers, each with an optional fraction and a unit (`ns`, `us`/`µs`, `ms`,
 * `s`, `m`, `h`), such as `300ms`, `-1.5h`, `1m30s` or `2h45m`; `0` needs no unit. The result must
 * be a whole number of milliseconds (`1.5ms` is refused), and it may be negative: bounds are the
 * caller's, see {@link durationSchema}.
 * @throws DurationSyntaxError when `text` is not such a duration.
 * @public
 */
export function parseDuration(text: string): number {
  let rest = text;
  let sign = 1n;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest.startsWith('-')) sign = -1n;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw new DurationSyntaxError(text, 'expected a number and a unit');
  let nanos = 0n;
  while (rest !== '') {
    const [part = '', whole = '', fraction = '', unit = ''] = PART.exec(rest) ?? [];
    if (whole === '' && fraction === '')
      throw new DurationSyntaxError(text, `expected a number at ${excerpt(rest)}`);
    if (unit === '')
      throw new DurationSyntaxError(text, 'missing unit (ns, us, ms, s, m or h) after a number');
    const perUnit = NANOS_PER_UNIT[unit];
    if (perUnit === undefined)
      throw new DurationSyntaxError(text, `unknown unit ${excerpt(unit)} (ns, us, ms, s, m or h)`);
    nanos += BigInt(whole || '0') * perUnit;
    if (fraction !== '') nanos += (BigInt(fraction) * perUnit) / 10n ** BigInt(fraction.length);
    rest = rest.slice(part.length);
  }
  if (nanos % NANOS_PER_MS !== 0n)
    throw new DurationSyntaxError(text, 'finer than a millisecond, the resolution Lifeboat keeps');
  return Number((sign * nanos) / NANOS_PER_MS);
}

const FORMAT_UNITS: readonly (readonly [string, number])[] = [
  ['h', 3_600_000],
  ['m', 60_000],
];

/**
 * Milliseconds as Go's `Duration.String` writes them: `1h30m0s`, `2m0.5s`, `300ms`, `0s`; what
 * error messages and reports show, and what {@link parseDuration} reads back.
 * @public
 */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms < 1000) return `${ms}ms`;
  let rest = ms;
  let out = '';
  for (const [unit, size] of FORMAT_UNITS) {
    if (rest >= size || out !== '') {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  const seconds = (rest / 1000).toFixed(3).replace(/\.?0+$/, '');
  return `${out}${seconds}s`;
}
