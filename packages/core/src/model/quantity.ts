import { ValidationError } from '../errors/validation-error';
import { excerpt } from '../validation/excerpt';

const NANO_PER_UNIT = 1_000_000_000n;

const SUFFIX_NANOS: Readonly<Record<string, bigint>> = {
  n: 1n,
  u: 1_000n,
  m: 1_000_000n,
  '': NANO_PER_UNIT,
  k: 1_000n * NANO_PER_UNIT,
  M: 1_000_000n * NANO_PER_UNIT,
  G: 1_000_000_000n * NANO_PER_UNIT,
  T: 1_000_000_000_000n * NANO_PER_UNIT,
  P: 1_000_000_000_000_000n * NANO_PER_UNIT,
  E: 1_000_000_000_000_000_000n * NANO_PER_UNIT,
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  Pi: 1n << 50n,
  Ei: 1n << 60n,
};
for (const binary of ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei']) {
  (SUFFIX_NANOS as Record<string, bigint>)[binary] =
    (SUFFIX_NANOS[binary] as bigint) * NANO_PER_UNIT;
}

const QUANTITY_PATTERN =
  /^([+-]?)(\d+\.?\d*|\.\d+)(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/;

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n ? q + 1n : q;
}

/**
 * A Kubernetes resource quantity (`500m`, `32Gi`, `1.5`, `2e3`), held exactly in nano-units.
 * Like Kubernetes, anything finer than a nano-unit is rounded up, and `value()`/`milliValue()`
 * round up to whole units/milli-units.
 * @public
 */
export class Quantity {
  private constructor(
    /** The amount in units of 10^-9. */
    readonly nanos: bigint,
    private readonly text?: string,
  ) {}

  /** Parses Kubernetes quantity syntax; throws {@link ValidationError} at `path` otherwise. */
  static parse(input: string | number, path = ''): Quantity {
    const text = typeof input === 'number' ? String(input) : input.trim();
    const match = QUANTITY_PATTERN.exec(text);
    if (!match) {
      throw ValidationError.at(
        path,
        `invalid quantity ${excerpt(String(input))}: expected a number with an optional suffix such as 500m, 2, 1.5Gi or 1e3`,
      );
    }
    const [, sign, digits = '0', exponent, suffix = ''] = match;
    const [whole = '', fraction = ''] = digits.split('.');
    const mantissa = BigInt(`${whole}${fraction}` || '0');
    let nanos: bigint;
    if (exponent) {
      const power = Number.parseInt(exponent.slice(1), 10) - fraction.length + 9;
      if (Math.abs(power) > 60) {
        throw ValidationError.at(path, `invalid quantity ${excerpt(text)}: exponent out of range`);
      }
      nanos =
        power >= 0 ? mantissa * 10n ** BigInt(power) : ceilDiv(mantissa, 10n ** BigInt(-power));
    } else {
      nanos = ceilDiv(mantissa * (SUFFIX_NANOS[suffix] as bigint), 10n ** BigInt(fraction.length));
    }
    return new Quantity(sign === '-' ? -nanos : nanos, text);
  }

  /** A quantity of whole units. */
  static fromUnits(units: number | bigint): Quantity {
    return new Quantity(BigInt(units) * NANO_PER_UNIT);
  }

  /** A quantity of milli-units (`Quantity.fromMilli(500)` is `500m`). */
  static fromMilli(milli: number | bigint): Quantity {
    return new Quantity(BigInt(milli) * 1_000_000n);
  }

  static readonly zero = new Quantity(0n, '0');

  /** Whole units, rounded up. */
  value(): bigint {
    return ceilDiv(this.nanos, NANO_PER_UNIT);
  }

  /** Milli-units, rounded up. */
  milliValue(): bigint {
    return ceilDiv(this.nanos, 1_000_000n);
  }

  add(other: Quantity): Quantity {
    return new Quantity(this.nanos + other.nanos);
  }

  sub(other: Quantity): Quantity {
    return new Quantity(this.nanos - other.nanos);
  }

  /** This quantity times a whole number. */
  times(n: number | bigint): Quantity {
    return new Quantity(this.nanos * BigInt(n));
  }

  /** -1, 0 or 1. */
  cmp(other: Quantity): number {
    return this.nanos < other.nanos ? -1 : this.nanos > other.nanos ? 1 : 0;
  }

  isZero(): boolean {
    return this.nanos === 0n;
  }

  /** How many whole `other` fit into this quantity (0 when negative). */
  divideFloor(other: Quantity): bigint {
    if (other.nanos <= 0n) throw new RangeError('cannot divide by a non-positive quantity');
    return this.nanos <= 0n ? 0n : this.nanos / other.nanos;
  }

  /** The text it was parsed from, else a canonical form (`1500m`, `2`). */
  toString(): string {
    if (this.text !== undefined) return this.text;
    if (this.nanos % NANO_PER_UNIT === 0n) return String(this.nanos / NANO_PER_UNIT);
    if (this.nanos % 1_000_000n === 0n) return `${this.nanos / 1_000_000n}m`;
    return `${this.nanos}n`;
  }

  toJSON(): string {
    return this.toString();
  }
}
