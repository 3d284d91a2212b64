import { ValidationError } from '../errors/validation-error';
import { Quantity } from './quantity';

const GI = 2n ** 30n;

describe('Quantity.parse', () => {
  it.each([
    { input: '500m', nanos: 500_000_000n, milli: 500n, value: 1n },
    { input: '2', nanos: 2_000_000_000n, milli: 2000n, value: 2n },
    { input: '1.5', nanos: 1_500_000_000n, milli: 1500n, value: 2n },
    { input: '32Gi', nanos: 32n * GI * 1_000_000_000n, milli: 32n * GI * 1000n, value: 32n * GI },
    { input: '1Ki', nanos: 1024n * 1_000_000_000n, milli: 1_024_000n, value: 1024n },
    { input: '1.5Ki', nanos: 1536n * 1_000_000_000n, milli: 1_536_000n, value: 1536n },
    { input: '1Mi', nanos: 1_048_576n * 1_000_000_000n, milli: 1_048_576_000n, value: 1_048_576n },
    { input: '2e3', nanos: 2_000n * 1_000_000_000n, milli: 2_000_000n, value: 2000n },
    { input: '1.5e3', nanos: 1_500n * 1_000_000_000n, milli: 1_500_000n, value: 1500n },
    { input: '1E3', nanos: 1_000n * 1_000_000_000n, milli: 1_000_000n, value: 1000n },
    { input: '1e-3', nanos: 1_000_000n, milli: 1n, value: 1n },
    { input: '.5', nanos: 500_000_000n, milli: 500n, value: 1n },
    { input: '5.', nanos: 5_000_000_000n, milli: 5000n, value: 5n },
    { input: '-1', nanos: -1_000_000_000n, milli: -1000n, value: -1n },
    { input: '+3', nanos: 3_000_000_000n, milli: 3000n, value: 3n },
    { input: '100n', nanos: 100n, milli: 1n, value: 1n },
    { input: '250u', nanos: 250_000n, milli: 1n, value: 1n },
    { input: '1k', nanos: 1_000n * 1_000_000_000n, milli: 1_000_000n, value: 1000n },
    { input: '1M', nanos: 1_000_000n * 1_000_000_000n, milli: 1_000_000_000n, value: 1_000_000n },
    { input: '1G', nanos: 10n ** 18n, milli: 10n ** 12n, value: 10n ** 9n },
    { input: '1E', nanos: 10n ** 27n, milli: 10n ** 21n, value: 10n ** 18n },
    { input: '1Ei', nanos: 2n ** 60n * 1_000_000_000n, milli: 2n ** 60n * 1000n, value: 2n ** 60n },
    { input: '0', nanos: 0n, milli: 0n, value: 0n },
    { input: '0.1n', nanos: 1n, milli: 1n, value: 1n },
  ])('"$input" is $nanos nano-units', ({ input, nanos, milli, value }) => {
    const q = Quantity.parse(input);
    expect(q.nanos).toBe(nanos);
    expect(q.milliValue()).toBe(milli);
    expect(q.value()).toBe(value);
  });

  it.each([
    { name: 'a whole number', input: 3, nanos: 3_000_000_000n },
    { name: 'a fraction', input: 0.25, nanos: 250_000_000n },
    { name: 'a number JavaScript prints with an exponent', input: 1e21, nanos: 10n ** 30n },
    { name: 'a tiny number rounds up to one nano-unit', input: 1e-12, nanos: 1n },
  ])('accepts $name given as a number', ({ input, nanos }) => {
    expect(Quantity.parse(input).nanos).toBe(nanos);
  });

  it.each([
    { name: 'milli-units round up to whole units', input: '1001m', value: 2n, milli: 1001n },
    { name: 'nano-units round up to milli-units', input: '1000001n', value: 1n, milli: 2n },
    { name: 'an exact amount is not rounded', input: '3000m', value: 3n, milli: 3000n },
    { name: 'a small positive amount rounds up to one', input: '1n', value: 1n, milli: 1n },
  ])('$name', ({ input, value, milli }) => {
    const q = Quantity.parse(input);
    expect(q.value()).toBe(value);
    expect(q.milliValue()).toBe(milli);
  });

  it.each([
    { input: '1.2.3' },
    { input: 'abc' },
    { input: '5 Gi' },
    { input: '1Zi' },
    { input: '' },
    { input: '.' },
    { input: 'Gi' },
    { input: '1e' },
    { input: '1Gi3' },
    { input: '--1' },
    { input: '1 000' },
    { input: '0x10' },
    { input: '1mi' },
    { input: '1ki' },
  ])('rejects "$input" with a ValidationError at the given path', ({ input }) => {
    let caught: unknown;
    try {
      Quantity.parse(input, 'spec.resources.cpu');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).issues).toEqual([
      {
        path: 'spec.resources.cpu',
        message: `invalid quantity "${input}": expected a number with an optional suffix such as 500m, 2, 1.5Gi or 1e3`,
      },
    ]);
    expect((caught as ValidationError).message).toBe(
      `spec.resources.cpu: invalid quantity "${input}": expected a number with an optional suffix such as 500m, 2, 1.5Gi or 1e3`,
    );
  });

  it.each([{ input: '1e100' }, { input: '1e-100' }])(
    'rejects the out-of-range exponent in "$input"',
    ({ input }) => {
      expect(() => Quantity.parse(input, 'x')).toThrow(
        new ValidationError([
          { path: 'x', message: `invalid quantity "${input}": exponent out of range` },
        ]),
      );
    },
  );

  it.each([{ input: Number.NaN }, { input: Number.POSITIVE_INFINITY }])(
    'rejects the number $input',
    ({ input }) => {
      expect(() => Quantity.parse(input)).toThrow(ValidationError);
    },
  );
});

describe('Quantity arithmetic and printing', () => {
  it.each([
    {
      name: 'add',
      run: () => Quantity.parse('500m').add(Quantity.parse('1.5')),
      want: 2_000_000_000n,
    },
    {
      name: 'sub',
      run: () => Quantity.parse('1').sub(Quantity.parse('1500m')),
      want: -500_000_000n,
    },
    { name: 'times', run: () => Quantity.parse('250m').times(4), want: 1_000_000_000n },
    {
      name: 'times a bigint',
      run: () => Quantity.parse('1Gi').times(3n),
      want: 3n * GI * 1_000_000_000n,
    },
    { name: 'fromUnits', run: () => Quantity.fromUnits(7), want: 7_000_000_000n },
    { name: 'fromMilli', run: () => Quantity.fromMilli(500), want: 500_000_000n },
    { name: 'zero', run: () => Quantity.zero, want: 0n },
  ])('$name', ({ run, want }) => {
    expect(run().nanos).toBe(want);
  });

  it.each([
    { a: '1', b: '1000m', want: 0 },
    { a: '1Ki', b: '1k', want: 1 },
    { a: '999m', b: '1', want: -1 },
    { a: '1e3', b: '1k', want: 0 },
  ])('cmp($a, $b) is $want', ({ a, b, want }) => {
    expect(Quantity.parse(a).cmp(Quantity.parse(b))).toBe(want);
  });

  it.each([
    { have: '8', per: '500m', want: 16n },
    { have: '8', per: '3', want: 2n },
    { have: '100m', per: '1', want: 0n },
    { have: '-2', per: '1', want: 0n },
    { have: '0', per: '1', want: 0n },
  ])('$have holds $want whole copies of $per', ({ have, per, want }) => {
    expect(Quantity.parse(have).divideFloor(Quantity.parse(per))).toBe(want);
  });

  it.each([{ per: '0' }, { per: '-1' }])('dividing by $per is refused', ({ per }) => {
    expect(() => Quantity.parse('1').divideFloor(Quantity.parse(per))).toThrow(
      new RangeError('cannot divide by a non-positive quantity'),
    );
  });

  it.each([
    { name: 'a parsed quantity prints as written', q: () => Quantity.parse('32Gi'), want: '32Gi' },
    {
      name: 'whole units print plainly',
      q: () => Quantity.parse('1').add(Quantity.parse('1')),
      want: '2',
    },
    {
      name: 'milli-units print with m',
      q: () => Quantity.parse('1').add(Quantity.parse('500m')),
      want: '1500m',
    },
    {
      name: 'finer amounts print with n',
      q: () => Quantity.parse('1').add(Quantity.parse('5n')),
      want: '1000000005n',
    },
    { name: 'negative milli-units', q: () => Quantity.fromMilli(-250), want: '-250m' },
  ])('$name', ({ q, want }) => {
    expect(q().toString()).toBe(want);
    expect(JSON.stringify({ cpu: q() })).toBe(`{"cpu":"${want}"}`);
  });

  it('isZero', () => {
    expect(Quantity.parse('0m').isZero()).toBe(true);
    expect(Quantity.parse('1n').isZero()).toBe(false);
  });
});
